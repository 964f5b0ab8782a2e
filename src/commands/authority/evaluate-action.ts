import { type AuthorityHeld, type Decision, remainingAuthority } from '../../core/authority/index.ts';
import { authorize, type CommandContext } from '../context.ts';
import { type ActionInput, decideOnCase, loadActingAgent } from './authority-state.ts';

export interface Evaluation {
  decision: Decision;
  /** What the agent holds for this action type and customer before this request. */
  held: AuthorityHeld;
}

/**
 * The decision shown to the agent before they commit. Nothing is written: executing re-evaluates
 * under the usage locks, so this preview can never be used to spend an allowance twice.
 */
export async function evaluateCaseAction(
  ctx: CommandContext,
  caseId: string,
  action: ActionInput,
): Promise<Evaluation> {
  authorize(ctx.actor, 'authority.act');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { profile } = await loadActingAgent(tx, ctx.actor.id, ctx.actor.role);
    const d = await decideOnCase(ctx, tx, { caseId, agent: profile, action, now });
    const held = remainingAuthority(
      profile,
      d.request.actionType,
      { catalogue: d.state.catalogue, rules: d.state.book, usage: d.usage, customer: d.customer },
      now,
    );
    return { decision: d.decision, held };
  });
}
