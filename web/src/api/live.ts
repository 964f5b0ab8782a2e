import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from './keys.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

const EVENT_TYPES = [
  'message.received',
  'message.sent',
  'message.logged',
  'case.created',
  'case.updated',
  'case.status_changed',
  'case.assigned',
  'sla.breached',
  'customer.updated',
  'customer.created',
  'customer.merged',
  'customer.merge_undone',
  'sla.at_risk',
  'case.escalated',
  'case.handover_requested',
  'case.handover_accepted',
  'authority.action_executed',
  'authority.approval_requested',
  'authority.approval_decided',
  'authority.approval_escalated',
  'authority.approval_expired',
  'authority.override_recorded',
  'authority.rule_changed',
  'authority.action_type_added',
  'authority.friction_reported',
  'authority.friction_answered',
  'authority.friction_withdrawn',
];

type LiveData = { type?: string; caseId?: string; customerId?: string };

/** What an event makes stale: the inbox always, the case and its customer when named. */
export function invalidateFor(client: QueryClient, data: LiveData): void {
  // Authority events (approvals, actions, rules, friction) make the authority panels stale.
  if (data.type?.startsWith('authority.')) {
    void client.invalidateQueries({ queryKey: keys.authority, refetchType: 'active' });
    if (data.type === 'authority.action_type_added')
      void client.invalidateQueries({ queryKey: keys.catalogue });
    if (data.type !== 'authority.action_executed') return;
  }
  // SLA timers and the checklist move with every case change.
  void client.invalidateQueries({ queryKey: keys.sla, refetchType: 'active' });
  void client.invalidateQueries({ queryKey: keys.cases, exact: false, refetchType: 'active' });
  if (data.caseId) void client.invalidateQueries({ queryKey: keys.case(data.caseId) });
  if (data.customerId) void client.invalidateQueries({ queryKey: keys.customer(data.customerId) });
  else void client.invalidateQueries({ queryKey: keys.customers, refetchType: 'active' });
}

/**
 * Subscribes to GET /events (server-sent events; the session cookie goes with it) and refetches what
 * is on screen when something changes. Only ids travel, so permissions stay on the server.
 */
export function useLiveUpdates(enabled: boolean): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    const handle = (event: MessageEvent<string>) => {
      try {
        invalidateFor(client, { type: event.type, ...(JSON.parse(event.data) as LiveData) });
      } catch {
        invalidateFor(client, {});
      }
    };
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.onmessage = handle;
    for (const type of EVENT_TYPES) source.addEventListener(type, handle as EventListener);
    return () => source.close();
  }, [client, enabled]);
  return state;
}
