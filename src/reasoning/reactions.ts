import {
  markCaseReopened,
  markRepeatContact,
  retainResolvedCase,
} from '../commands/reasoning/retain-case.ts';
import type { DomainEvent, EventBus } from '../events.ts';
import type { ReasoningService } from './service.ts';

const DONE = new Set(['resolved', 'closed']);

/**
 * Keeps the case base in step with the cases, from events published after commit:
 * - a case becomes resolved (or closed without being resolved first) → retain it;
 * - a resolved or closed case comes back → its outcome says reopened;
 * - a customer opens a new case → their cases resolved in the 7 days before it were a repeat contact.
 * Each reaction writes `case_base` first, then applies the written rows to this process; other
 * processes pick the rows up at their next sync.
 */
export function subscribeReasoning(events: EventBus, reasoning: ReasoningService): () => void {
  return events.subscribe((event: DomainEvent) => {
    const work = react(event, reasoning);
    if (!work) return;
    void reasoning.track(
      work.then(
        (rows) => reasoning.applyRows(rows),
        (err: Error) => {
          // The row is rebuilt the next time the case changes status; nothing else depends on it.
          reasoning.report('warn', `reasoning: ${event.type} reaction failed: ${err.message}`, {
            caseId: event.data.caseId,
          });
        },
      ),
    );
  });
}

function react(event: DomainEvent, reasoning: ReasoningService) {
  const caseId = event.data.caseId;
  if (typeof caseId !== 'string') return undefined;
  if (event.type === 'case.status_changed') {
    const from = String(event.data.from);
    const to = String(event.data.to);
    if (to === 'resolved' || (to === 'closed' && from !== 'resolved')) {
      return retainResolvedCase(reasoning.db, caseId).then((row) => (row ? [row] : []));
    }
    if (DONE.has(from) && !DONE.has(to)) return markCaseReopened(reasoning.db, caseId);
    return undefined;
  }
  if (event.type === 'case.created') return markRepeatContact(reasoning.db, caseId);
  return undefined;
}
