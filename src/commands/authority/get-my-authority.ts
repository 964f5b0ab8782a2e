import {
  type AuthorityHeld,
  agentDay,
  authoritySummary,
  type UsageSums,
  usageWindowsFor,
} from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { loadCustomerSituation, loadUsage } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadActingAgent, loadAuthorityState, loadCaseOrFail } from './authority-state.ts';

/**
 * What the actor may still do, per action type: "You can credit up to 50.00 EUR more today."
 * With a case, the case's customer counts (conditions and per-customer limits); without one,
 * only unconditional rules and the actor's own daily usage do.
 */
export async function getMyAuthority(
  ctx: CommandContext,
  options: { caseId?: string | undefined } = {},
): Promise<{ agentId: string; caseId: string | null; held: AuthorityHeld[] }> {
  authorize(ctx.actor, 'authority.act');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { profile } = await loadActingAgent(tx, ctx.actor.id, ctx.actor.role);
    const state = await loadAuthorityState(ctx.db, tx);
    const kase = options.caseId ? await loadCaseOrFail(tx, options.caseId) : null;
    const customer = kase ? await loadCustomerSituation(tx, kase.customerId, {}) : undefined;
    if (kase && !customer) throw new NotFound('customer', kase.customerId);
    const usageByAction: Record<string, UsageSums> = {};
    for (const actionType of state.catalogue.types.keys()) {
      const windows = customer
        ? usageWindowsFor(
            { actionType, customerId: customer.id, params: {} },
            { agent: profile, customer, catalogue: state.catalogue, rules: state.book },
            now,
          )
        : {
            actionType,
            customerId: '',
            agentId: profile.id,
            customerWindow: null,
            agentDayWindow: agentDay(profile, now),
          };
      usageByAction[actionType] = await loadUsage(tx, windows);
    }
    const held = authoritySummary(
      profile,
      { catalogue: state.catalogue, rules: state.book, usageByAction, ...(customer ? { customer } : {}) },
      now,
    );
    return { agentId: profile.id, caseId: kase?.id ?? null, held };
  });
}
