import { Stack } from '@mantine/core';
import type { Message } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { TimelineItem } from './TimelineItem.tsx';

/** Every message on the case, in the order it happened, across channels. */
export function Timeline({ messages, timeZone }: { messages: Message[]; timeZone?: string | undefined }) {
  if (messages.length === 0) return <EmptyState title="No messages yet" />;
  const ordered = [...messages].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <Stack gap="xs" component="section" aria-label="Conversation timeline">
      {ordered.map((m) => (
        <TimelineItem key={m.id} message={m} timeZone={timeZone} />
      ))}
    </Stack>
  );
}
