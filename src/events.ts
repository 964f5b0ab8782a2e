import type { Actor } from './core/access/roles.ts';

export interface DomainEvent {
  type: string;
  actor: Pick<Actor, 'id' | 'name'>;
  at: Date;
  data: Record<string, unknown>;
}

type Listener = (event: DomainEvent) => void;

/**
 * In-process fan-out of events, published only after the transaction that caused them commits.
 * The durable record is the audit log; this bus feeds live views (SSE) and in-process reactions.
 */
export class EventBus {
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(events: DomainEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // One faulty subscriber must not stop the others or the request that emitted the event.
        }
      }
    }
  }
}
