import type { Actor } from '../access/roles.ts';
import type { Channel } from '../channels.ts';
import { CONTINUOUS_CHANNELS } from '../channels.ts';
import { RuleViolation } from '../errors.ts';
import type { Case, CaseChanges } from './case.ts';
import { type CaseStatus, isActive } from './case-status.ts';
import { claimIfUnowned, statusChanges } from './decide-case-update.ts';

export interface ThreadCandidate {
  id: string;
  channel: Channel;
  threadKey: string | null;
  status: CaseStatus;
  lastActivityAt: Date;
}

export type ThreadDecision = { kind: 'append'; caseId: string } | { kind: 'open' };

/**
 * Where an inbound message belongs. A known thread continues its case unless the case is closed.
 * Without a thread key, chat-like channels continue the customer's active conversation on that
 * channel; email and web forms without one start a new case (a new subject is a new problem).
 */
export function decideThread(
  channel: Channel,
  threadKey: string | undefined,
  candidates: readonly ThreadCandidate[],
): ThreadDecision {
  const open = candidates.filter((c) => c.status !== 'closed');
  if (threadKey) {
    const match = open.find((c) => c.threadKey === threadKey);
    return match ? { kind: 'append', caseId: match.id } : { kind: 'open' };
  }
  if (CONTINUOUS_CHANNELS.includes(channel)) {
    const latest = open
      .filter((c) => c.channel === channel && isActive(c.status))
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime())[0];
    if (latest) return { kind: 'append', caseId: latest.id };
  }
  return { kind: 'open' };
}

/** A customer wrote again: the case is theirs to wait on us, and a resolved one reopens. */
export function decideInbound(current: Case, at: Date): CaseChanges {
  const changes: CaseChanges =
    current.status === 'pending' || current.status === 'resolved' ? statusChanges(current, 'open', at) : {};
  changes.waitingSince = current.waitingSince ?? at;
  changes.lastActivityAt = at;
  changes.messageCount = current.messageCount + 1;
  return changes;
}

export type AgentMessageKind = 'reply' | 'note' | 'call' | 'visit';

/** An agent replied, noted, or logged a call or visit on the case. */
export function decideAgentMessage(
  current: Case,
  actor: Actor,
  kind: AgentMessageKind,
  at: Date,
  nextStatus?: CaseStatus,
): CaseChanges {
  if (current.status === 'closed' && kind !== 'note') {
    throw new RuleViolation(
      'case.closed',
      'This case is closed; open a new case to contact the customer again.',
      {
        caseId: current.id,
      },
    );
  }
  let changes: CaseChanges = { lastActivityAt: at, messageCount: current.messageCount + 1 };
  const customerFacing = kind !== 'note';
  if (customerFacing) {
    changes.firstReplyAt = current.firstReplyAt ?? at;
    changes.waitingSince = null;
  }
  const target = nextStatus ?? (customerFacing && current.status === 'new' ? 'open' : undefined);
  if (target && target !== current.status) changes = { ...changes, ...statusChanges(current, target, at) };
  return { ...changes, ...claimIfUnowned(current, changes, actor) };
}
