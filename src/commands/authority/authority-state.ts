import {
  type ActionRequest,
  type AgentProfile,
  type AuthorityRule,
  type Catalogue,
  type CustomerSituation,
  type Decision,
  defaultActionTypes,
  defineCatalogue,
  evaluateAction,
  indexRules,
  type PersonRef,
  type RuleBook,
  type UsageSums,
  usageWindowsFor,
} from '../../core/authority/index.ts';
import type { Case } from '../../core/cases/case.ts';
import { InvalidInput, NotFound } from '../../core/errors.ts';
import type { Database, Executor } from '../../db/client.ts';
import {
  type AgentWithRole,
  loadActionTypeAdditions,
  loadAgentProfile,
  loadAllRuleVersions,
  loadAuthorityStamp,
  loadCustomerSituation,
  loadUsage,
} from '../../db/repositories/authority.ts';
import { loadCase } from '../../db/repositories/cases.ts';
import type { CommandContext } from '../context.ts';

/** Who answers for an action type when no admin exists yet (a fresh install). */
export const UNASSIGNED_OWNER: PersonRef = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'an administrator',
};

export interface AuthorityState {
  catalogue: Catalogue;
  rules: readonly AuthorityRule[];
  book: RuleBook;
  defaultOwner: PersonRef;
}

// The RuleBook is built once per change of rules or catalogue (docs/authority.md, Benchmark), per database.
const cache = new WeakMap<Database, { key: string; state: AuthorityState }>();

export async function loadAuthorityState(db: Database, tx: Executor): Promise<AuthorityState> {
  const stamp = await loadAuthorityStamp(tx);
  const defaultOwner = stamp.defaultOwner ?? UNASSIGNED_OWNER;
  const key = `${stamp.rulesSeq}:${stamp.typesSeq}:${defaultOwner.id}:${defaultOwner.name}`;
  const cached = cache.get(db);
  if (cached?.key === key) return cached.state;
  const [additions, rules] = [await loadActionTypeAdditions(tx), await loadAllRuleVersions(tx)];
  const catalogue = defineCatalogue([...defaultActionTypes(defaultOwner), ...additions]);
  const state = { catalogue, rules, book: indexRules(rules), defaultOwner };
  cache.set(db, { key, state });
  return state;
}

/** The agent as the engine sees them, acting in the role of their credential. */
export async function loadActingAgent(
  tx: Executor,
  agentId: string,
  actingRole?: string,
): Promise<AgentWithRole & { profile: AgentProfile }> {
  const found = await loadAgentProfile(tx, agentId);
  if (!found) throw new NotFound('agent', agentId);
  return actingRole ? { ...found, profile: { ...found.profile, role: actingRole } } : found;
}

export interface ActionInput {
  actionType: string;
  params: Record<string, unknown>;
  purchaseId?: string | undefined;
}

export interface CaseDecision {
  case: Case;
  request: ActionRequest;
  customer: CustomerSituation & { purchaseId: string | null };
  agent: AgentProfile;
  state: AuthorityState;
  usage: UsageSums;
  decision: Decision;
}

export async function loadCaseOrFail(tx: Executor, caseId: string, lock = false): Promise<Case> {
  const found = await loadCase(tx, caseId, lock);
  if (!found) throw new NotFound('case', caseId);
  return found;
}

/**
 * Loads everything one decision needs and runs the engine: the case's customer (with the purchase
 * the request concerns), the agent, the rules in force and the usage in the windows the engine
 * names. Run it again under the usage locks before anything is executed.
 */
export async function decideOnCase(
  ctx: CommandContext,
  tx: Executor,
  input: { caseId: string; agent: AgentProfile; action: ActionInput; now: Date; kase?: Case },
): Promise<CaseDecision> {
  const kase = input.kase ?? (await loadCaseOrFail(tx, input.caseId));
  const state = await loadAuthorityState(ctx.db, tx);
  const product = input.action.params.product;
  const customer = await loadCustomerSituation(tx, kase.customerId, {
    purchaseId: input.action.purchaseId,
    product: typeof product === 'string' ? product : undefined,
  });
  if (!customer) throw new NotFound('customer', kase.customerId);
  if (input.action.purchaseId && customer.purchaseId !== input.action.purchaseId) {
    throw new InvalidInput(
      'authority.unknown_purchase',
      `Purchase ${input.action.purchaseId} does not belong to this case's customer.`,
      { purchaseId: input.action.purchaseId, customerId: kase.customerId },
    );
  }
  const request: ActionRequest = {
    actionType: input.action.actionType,
    customerId: kase.customerId,
    caseId: kase.id,
    params: input.action.params,
  };
  const base = { agent: input.agent, customer, catalogue: state.catalogue, rules: state.book };
  const windows = usageWindowsFor(request, base, input.now);
  const usage = await loadUsage(tx, windows);
  const decision = evaluateAction(request, { ...base, usage }, input.now);
  return { case: kase, request, customer, agent: input.agent, state, usage, decision };
}
