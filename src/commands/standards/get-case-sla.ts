import { NotFound } from '../../core/errors.ts';
import {
  alwaysOpenCalendar,
  computeSlaState,
  type SlaState,
  selectSlaPolicy,
} from '../../core/standards/index.ts';
import { findSlaPolicies, loadSiteCalendar, type StoredSlaPolicy } from '../../db/repositories/standards.ts';
import {
  type BreachRecord,
  type EscalationRecord,
  findCaseBreaches,
  findCaseEscalations,
  loadCaseFacts,
} from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface CaseSlaView {
  caseId: string;
  policy: StoredSlaPolicy | null;
  state: SlaState | null;
  humanRequestedAt: number | null;
  breaches: BreachRecord[];
  escalations: EscalationRecord[];
}

/** The case's SLA clocks as of now, computed live (the inbox cache may be up to a sweep old). */
export async function getCaseSla(ctx: CommandContext, caseId: string): Promise<CaseSlaView> {
  authorize(ctx.actor, 'case.read');
  const db = ctx.db.db;
  const facts = await loadCaseFacts(db, caseId);
  if (!facts) throw new NotFound('case', caseId);
  const [policies, calendar, breaches, escalations] = await Promise.all([
    findSlaPolicies(db),
    facts.site ? loadSiteCalendar(db, facts.site) : Promise.resolve(undefined),
    findCaseBreaches(db, caseId),
    findCaseEscalations(db, caseId),
  ]);
  const policy = selectSlaPolicy(policies, facts) as StoredSlaPolicy | null;
  const state = policy
    ? computeSlaState(facts, policy, calendar ?? alwaysOpenCalendar('UTC'), ctx.clock.now())
    : null;
  return { caseId, policy, state, humanRequestedAt: facts.humanRequestedAt, breaches, escalations };
}
