import { markHumanRequest } from './commands/standards/mark-human-request.ts';
import { routeNewCase } from './commands/standards/route-new-case.ts';
import type { StandardsDeps } from './commands/standards/shared.ts';
import type { DomainEvent } from './events.ts';

/**
 * In-process reactions to domain events, run after the causing transaction committed:
 * - `case.created` → route the case by the routing rules;
 * - `message.received` → a customer asking for a person or a manager escalates the case.
 * A reaction is lost if the process dies right after the commit; the SLA sweep job routes any
 * case still unowned after 30 s, so routing is at-least-once overall. Reactions never throw
 * into the publisher; failures are logged.
 */
export function startReactions(deps: StandardsDeps) {
  const pending = new Set<Promise<unknown>>();
  const run = (what: string, event: DomainEvent, work: () => Promise<unknown>) => {
    const p = work()
      .catch((err: Error) =>
        deps.log?.('warn', `reaction ${what} failed: ${err.message}`, {
          event: event.type,
          data: event.data,
        }),
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  const unsubscribe = deps.events.subscribe((event) => {
    const caseId = typeof event.data.caseId === 'string' ? event.data.caseId : null;
    if (event.type === 'case.created' && caseId) run('route', event, () => routeNewCase(deps, caseId));
    if (
      event.type === 'message.received' &&
      typeof event.data.messageId === 'string' &&
      event.data.asksForPerson !== false
    ) {
      const messageId = event.data.messageId;
      run('human-request', event, () => markHumanRequest(deps, messageId));
    }
  });
  return {
    /** Resolves once every reaction started so far has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async stop(): Promise<void> {
      unsubscribe();
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
