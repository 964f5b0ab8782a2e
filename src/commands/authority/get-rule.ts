import { versionInForce } from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { loadRuleVersions } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import type { RuleWithHistory } from './rule-history.ts';

export async function getRule(ctx: CommandContext, ruleId: string): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.act');
  const versions = await loadRuleVersions(ctx.db.db, ruleId);
  const current = versions.at(-1);
  if (!current) throw new NotFound('authority_rule', ruleId);
  return { current, inForce: versionInForce(versions, ctx.clock.now()), versions };
}
