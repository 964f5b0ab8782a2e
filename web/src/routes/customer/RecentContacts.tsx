import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { Message } from '../../api/types.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';

function who(m: Message): string {
  if (m.kind === 'call') return `call logged by ${m.authorName ?? 'an agent'}`;
  if (m.kind === 'visit') return `visit logged by ${m.authorName ?? 'an agent'}`;
  if (m.kind === 'note') return `note by ${m.authorName ?? 'an agent'}`;
  return m.direction === 'inbound' ? 'from customer' : `reply by ${m.authorName ?? 'an agent'}`;
}

/** The last contacts across every site and channel, newest first. */
export function RecentContacts({
  messages,
  limit = 5,
  timeZone,
}: {
  messages: Message[];
  limit?: number;
  timeZone?: string | undefined;
}) {
  const recent = [...messages].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).slice(0, limit);
  if (recent.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No contacts yet.
      </Text>
    );
  return (
    <Stack gap={6}>
      {recent.map((m) => (
        <Group key={m.id} gap={6} wrap="nowrap" align="flex-start">
          <ChannelIcon channel={m.channel} size={14} />
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {formatDateTime(m.occurredAt, timeZone)} · {who(m)}
              {m.caseId && (
                <>
                  {' · '}
                  <Anchor href={`#${paths.case(m.caseId)}`} size="xs">
                    case
                  </Anchor>
                </>
              )}
            </Text>
            <Text size="sm" lineClamp={2}>
              {m.body}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}
