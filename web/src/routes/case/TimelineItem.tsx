import { memo } from 'react';
import type { Message } from '../../api/types.ts';
import { ChannelIcon, channelLabels } from '../../components/ChannelIcon.tsx';
import { formatDateTime, formatDuration } from '../../lib/format.ts';
import classes from './Timeline.module.css';

function describe(m: Message): string {
  const duration =
    typeof m.metadata?.durationSeconds === 'number' ? ` · ${formatDuration(m.metadata.durationSeconds)}` : '';
  if (m.kind === 'call') return `Phone call${duration}`;
  if (m.kind === 'visit') return `In-person visit${duration}`;
  if (m.kind === 'note' || m.direction === 'internal') return 'Internal note';
  if (m.direction === 'outbound') return `Reply by ${channelLabels[m.channel] ?? m.channel}`;
  return `${channelLabels[m.channel] ?? m.channel} from customer`;
}

/**
 * One message, in plain elements styled like the design system's Paper and Text: a case opens with
 * its whole timeline in the first frame, and a long conversation made of design-system components
 * cost several milliseconds of rendering per message.
 */
export const TimelineItem = memo(function TimelineItem({
  message,
  timeZone,
}: {
  message: Message;
  timeZone?: string | undefined;
}) {
  const isNote = message.kind === 'note' || message.direction === 'internal';
  const author =
    message.authorName ?? message.from ?? (message.direction === 'inbound' ? 'Customer' : 'Agent');
  const description = describe(message);
  const background = isNote ? classes.internal : message.direction === 'outbound' ? classes.outbound : '';
  const side =
    message.direction === 'outbound'
      ? classes.replied
      : message.direction === 'inbound'
        ? classes.received
        : '';
  return (
    <article
      className={`${classes.item} ${background} ${side}`}
      data-testid="timeline-item"
      data-kind={message.kind}
      aria-label={`${description}, ${author}`}
    >
      <div className={classes.head}>
        <div className={classes.who}>
          <ChannelIcon channel={message.channel} size={16} />
          <span className={`${classes.author} ${classes.truncate}`}>{author}</span>
          <span className={`${classes.small} ${classes.truncate}`}>{description}</span>
        </div>
        <time className={`${classes.small} ${classes.time}`} dateTime={message.occurredAt}>
          {formatDateTime(message.occurredAt, timeZone)}
        </time>
      </div>
      {message.subject && message.direction === 'inbound' && (
        <p className={classes.subject}>{message.subject}</p>
      )}
      <p className={classes.body}>{message.body}</p>
    </article>
  );
});
