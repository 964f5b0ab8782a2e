import { memo, useMemo } from 'react';
import type { Message } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import classes from './Timeline.module.css';
import { TimelineItem } from './TimelineItem.tsx';

/** Every message on the case, in the order it happened, across channels. */
export const Timeline = memo(function Timeline({
  messages,
  timeZone,
}: {
  messages: Message[];
  timeZone?: string | undefined;
}) {
  const ordered = useMemo(
    () => [...messages].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
    [messages],
  );
  if (messages.length === 0) return <EmptyState title="No messages yet" />;
  return (
    <section className={classes.list} aria-label="Conversation timeline">
      {ordered.map((m) => (
        <TimelineItem key={m.id} message={m} timeZone={timeZone} />
      ))}
    </section>
  );
});
