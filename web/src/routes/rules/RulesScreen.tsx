import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Authority rules with their owners and history, friction reports, overrides and reports. */
export function RulesScreen({ tab }: { tab?: string | undefined }) {
  return (
    <Stack>
      <Title order={2}>Rules</Title>
      <EmptyState title="Coming next">Tab: {tab ?? 'rules'}</EmptyState>
    </Stack>
  );
}
