import { Group, Paper, Text } from '@mantine/core';
import type { Message } from '../../api/types.ts';
import { ChannelIcon, channelLabels } from '../../components/ChannelIcon.tsx';
import { formatDateTime, formatDuration } from '../../lib/format.ts';

function describe(m: Message): string {
  const duration =
    typeof m.metadata?.durationSeconds === 'number' ? ` · ${formatDuration(m.metadata.durationSeconds)}` : '';
  if (m.kind === 'call') return `Phone call${duration}`;
  if (m.kind === 'visit') return `In-person visit${duration}`;
  if (m.kind === 'note' || m.direction === 'internal') return 'Internal note';
  if (m.direction === 'outbound') return `Reply by ${channelLabels[m.channel] ?? m.channel}`;
  return `${channelLabels[m.channel] ?? m.channel} from customer`;
}

const background = { inbound: 'white', outbound: 'indigo.0', internal: 'yellow.0' } as const;

export function TimelineItem({ message, timeZone }: { message: Message; timeZone?: string | undefined }) {
  const isNote = message.kind === 'note' || message.direction === 'internal';
  const author =
    message.authorName ?? message.from ?? (message.direction === 'inbound' ? 'Customer' : 'Agent');
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      bg={isNote ? background.internal : background[message.direction]}
      ml={message.direction === 'outbound' ? { base: 0, sm: 'xl' } : 0}
      mr={message.direction === 'inbound' ? { base: 0, sm: 'xl' } : 0}
      data-testid="timeline-item"
      data-kind={message.kind}
      aria-label={`${describe(message)}, ${author}`}
    >
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <ChannelIcon channel={message.channel} size={16} />
          <Text size="sm" fw={600} truncate>
            {author}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {describe(message)}
          </Text>
        </Group>
        <Text
          size="xs"
          c="dimmed"
          component="time"
          dateTime={message.occurredAt}
          style={{ whiteSpace: 'nowrap' }}
        >
          {formatDateTime(message.occurredAt, timeZone)}
        </Text>
      </Group>
      {message.subject && message.direction === 'inbound' && (
        <Text size="sm" fw={500}>
          {message.subject}
        </Text>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
    </Paper>
  );
}
