import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Sites and hours, SLA policies, routing, escalation, checklists and SLA attainment. */
export function StandardsScreen({ tab }: { tab?: string | undefined }) {
  return (
    <Stack>
      <Title order={2}>Service standards</Title>
      <EmptyState title="Coming next">Tab: {tab ?? 'sites'}</EmptyState>
    </Stack>
  );
}
