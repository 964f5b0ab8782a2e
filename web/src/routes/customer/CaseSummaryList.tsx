import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { CaseSummary } from '../../api/types.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';

export function CaseSummaryList({
  cases,
  currentCaseId,
  timeZone,
  empty = 'No cases.',
}: {
  cases: CaseSummary[];
  currentCaseId?: string | undefined;
  timeZone?: string | undefined;
  empty?: string;
}) {
  if (cases.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap={4}>
      {cases.map((c) => (
        <Group key={c.id} gap={6} wrap="nowrap" align="flex-start">
          <ChannelIcon channel={c.channel} size={14} />
          <div style={{ minWidth: 0, flex: 1 }}>
            {c.id === currentCaseId ? (
              <Text size="sm" fw={600} lineClamp={1}>
                #{c.number} {c.subject} (this case)
              </Text>
            ) : (
              <Anchor href={`#${paths.case(c.id)}`} size="sm" lineClamp={1}>
                #{c.number} {c.subject}
              </Anchor>
            )}
            <Text size="xs" c="dimmed">
              {c.siteName ?? 'No site'} · {c.ownerName ?? 'unassigned'} ·{' '}
              {formatDate(c.lastActivityAt, timeZone)}
              {c.category && ` · ${c.category}`}
            </Text>
          </div>
          <StatusBadge status={c.status} />
        </Group>
      ))}
    </Stack>
  );
}
