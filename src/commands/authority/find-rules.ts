import { type AuthorityRule, versionInForce } from '../../core/authority/index.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import type { RuleWithHistory } from './rule-history.ts';

/** Every rule with its latest version and the version in force now (null when retired or not yet started). */
export async function findRules(
  ctx: CommandContext,
  filter: { actionType?: string | undefined; ownerId?: string | undefined } = {},
): Promise<RuleWithHistory[]> {
  authorize(ctx.actor, 'authority.act');
  const now = ctx.clock.now();
  const state = await ctx.db.transaction((tx) => loadAuthorityState(ctx.db, tx));
  const byId = new Map<string, AuthorityRule[]>();
  for (const r of state.rules) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out: RuleWithHistory[] = [];
  for (const versions of byId.values()) {
    versions.sort((a, b) => a.version - b.version);
    const current = versions.at(-1)!;
    if (filter.actionType && current.actionType !== filter.actionType) continue;
    if (filter.ownerId && current.owner.id !== filter.ownerId) continue;
    out.push({ current, inForce: versionInForce(versions, now), versions });
  }
  return out.sort(
    (a, b) =>
      a.current.actionType.localeCompare(b.current.actionType) ||
      a.current.name.localeCompare(b.current.name),
  );
}
