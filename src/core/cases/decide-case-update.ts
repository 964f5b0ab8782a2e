import type { Actor } from '../access/roles.ts';
import { Conflict, RuleViolation } from '../errors.ts';
import type { Case, CaseChanges } from './case.ts';
import { assertTransition, type CasePriority, type CaseStatus } from './case-status.ts';

export interface CasePatch {
  status?: CaseStatus;
  ownerId?: string | null;
  priority?: CasePriority;
  category?: string | null;
  tags?: string[];
}

export interface CaseDecision {
  changes: CaseChanges;
  /** Field names that changed, for the audit trail and events. */
  changed: (keyof CaseChanges)[];
}

/** An agent edits a case: version check, state machine, and the one-accountable-owner rule. */
export function decideCaseUpdate(
  current: Case,
  patch: CasePatch,
  actor: Actor,
  expectedVersion: number,
  now: Date,
): CaseDecision {
  if (expectedVersion !== current.version) throw new Conflict('case', expectedVersion, current.version);
  const changes: CaseChanges = {};

  if (patch.status !== undefined && patch.status !== current.status) {
    Object.assign(changes, statusChanges(current, patch.status, now));
  }
  if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
    if (patch.ownerId === null) {
      throw new RuleViolation(
        'case.owner_required',
        'A case keeps one accountable owner: transfer it to someone instead of removing the owner.',
        { ownerId: current.ownerId },
      );
    }
    changes.ownerId = patch.ownerId;
  }
  if (patch.priority !== undefined && patch.priority !== current.priority) changes.priority = patch.priority;
  if (patch.category !== undefined && patch.category !== current.category) changes.category = patch.category;
  if (patch.tags !== undefined) {
    const tags = normaliseTags(patch.tags);
    if (tags.join('\u0000') !== current.tags.join('\u0000')) changes.tags = tags;
  }
  Object.assign(changes, claimIfUnowned(current, changes, actor));
  return { changes, changed: Object.keys(changes) as (keyof CaseChanges)[] };
}

export function statusChanges(current: Case, to: CaseStatus, now: Date): CaseChanges {
  assertTransition(current.status, to);
  const changes: CaseChanges = { status: to };
  if (to === 'resolved') changes.resolvedAt = now;
  if (to === 'closed') changes.closedAt = now;
  if (to === 'pending') changes.waitingSince = null;
  if (current.status === 'resolved' && to === 'open') {
    changes.reopenedCount = current.reopenedCount + 1;
    changes.resolvedAt = null;
  }
  return changes;
}

/** The first person to work a case becomes its owner, so no case is ever nobody's job. */
export function claimIfUnowned(current: Case, changes: CaseChanges, actor: Actor): CaseChanges {
  if (current.ownerId || changes.ownerId || actor.kind !== 'person' || actor.role === 'ingest') return {};
  return { ownerId: actor.id };
}

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}
