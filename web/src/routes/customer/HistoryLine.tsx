import { Text } from '@mantine/core';
import type { CustomerProfile } from '../../api/types.ts';
import { summarizeHistory } from '../../lib/history-summary.ts';

/** The one-line answer to "how has this customer been served lately?". */
export function HistoryLine({
  profile,
  now,
  currentCategory,
}: {
  profile: Pick<CustomerProfile, 'cases' | 'recentMessages'>;
  now?: number;
  currentCategory?: string | null | undefined;
}) {
  const summary = summarizeHistory(profile, now, currentCategory);
  return (
    <Text size="sm" fw={600} c={summary.contacts >= 3 ? 'red.8' : 'dark'} data-testid="history-summary">
      {summary.text}
    </Text>
  );
}
