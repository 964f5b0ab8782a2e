import { randomUUID } from 'node:crypto';
import {
  type AuthorityRule,
  editRule as editRuleVersion,
  type OverridePolicy,
  type RuleChanges,
  type RuleScope,
  validateRule,
  versionInForce,
} from '../../core/authority/index.ts';
import { InvalidInput, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertRuleVersion, loadRuleVersions } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import {
  type ApprovalInput,
  type ConditionsInput,
  type LimitsInput,
  loadPerson,
  toApprovalRoute,
  toConditions,
  toLimits,
} from './rule-input.ts';

export interface RuleWithHistory {
  current: AuthorityRule;
  inForce: AuthorityRule | null;
  versions: AuthorityRule[];
}

export interface RuleInput {
  name: string;
  actionType: string;
  scope: RuleScope;
  limits: LimitsInput;
  conditions: ConditionsInput;
  ownerId: string;
  rationale: string;
  effectiveFrom?: Date | undefined;
  effectiveTo?: Date | null | undefined;
  override: OverridePolicy;
  approval: ApprovalInput;
  reason?: string | undefined;
}

function changedEvent(ctx: CommandContext, rule: AuthorityRule, at: Date) {
  return {
    type: 'authority.rule_changed',
    actor: ctx.actor,
    at,
    data: {
      ruleId: rule.id,
      version: rule.version,
      name: rule.name,
      actionType: rule.actionType,
      owner: rule.owner,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo: rule.effectiveTo,
      reason: rule.editReason,
    },
  };
}

export async function createRule(ctx: CommandContext, input: RuleInput): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.manage_rules');
  const now = ctx.clock.now();
  const rule = await ctx.db.transaction(async (tx) => {
    const state = await loadAuthorityState(ctx.db, tx);
    const rule = validateRule(
      {
        id: randomUUID(),
        version: 1,
        name: input.name,
        actionType: input.actionType,
        scope: input.scope,
        limits: toLimits(input.limits),
        conditions: toConditions(input.conditions),
        owner: await loadPerson(tx, input.ownerId, 'The rule owner'),
        rationale: input.rationale,
        effectiveFrom: input.effectiveFrom ?? now,
        effectiveTo: input.effectiveTo ?? null,
        override: input.override,
        approval: await toApprovalRoute(tx, input.approval),
        editedBy: { id: ctx.actor.id, name: ctx.actor.name },
        editReason: input.reason?.trim() || 'First version',
        editedAt: now,
      },
      state.catalogue,
    );
    await insertRuleVersion(tx, rule);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'authority.rule_created', entity: 'authority_rule', entityId: rule.id, after: rule },
    ]);
    return rule;
  });
  ctx.events.publish([changedEvent(ctx, rule, now)]);
  return { current: rule, inForce: versionInForce([rule], now), versions: [rule] };
}

export type RuleChangeInput = Partial<Omit<RuleInput, 'reason' | 'effectiveFrom' | 'effectiveTo'>> & {
  reason: string;
  effectiveFrom?: Date | undefined;
  effectiveTo?: Date | null | undefined;
};

/** A new version, never an overwrite: a stale expectedVersion is authority_rule.version_conflict (409). */
export async function editRule(
  ctx: CommandContext,
  ruleId: string,
  input: RuleChangeInput,
  expectedVersion: number,
): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.manage_rules');
  const now = ctx.clock.now();
  const { next, versions } = await ctx.db.transaction(async (tx) => {
    const versions = await loadRuleVersions(tx, ruleId, true);
    const current = versions.at(-1);
    if (!current) throw new NotFound('authority_rule', ruleId);
    const state = await loadAuthorityState(ctx.db, tx);
    const changes: RuleChanges = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.scope !== undefined ? { scope: input.scope } : {}),
      ...(input.limits !== undefined ? { limits: toLimits(input.limits) } : {}),
      ...(input.conditions !== undefined ? { conditions: toConditions(input.conditions) } : {}),
      ...(input.ownerId !== undefined
        ? { owner: await loadPerson(tx, input.ownerId, 'The rule owner') }
        : {}),
      ...(input.rationale !== undefined ? { rationale: input.rationale } : {}),
      ...(input.override !== undefined ? { override: input.override } : {}),
      ...(input.approval !== undefined ? { approval: await toApprovalRoute(tx, input.approval) } : {}),
    };
    if (input.actionType !== undefined && input.actionType !== current.actionType) {
      throw new InvalidInput(
        'authority.action_type_fixed',
        'A rule keeps its action type for life; create a new rule for another action.',
        { actionType: current.actionType },
      );
    }
    const next = editRuleVersion(
      current,
      changes,
      {
        editor: { id: ctx.actor.id, name: ctx.actor.name },
        reason: input.reason,
        effectiveFrom: input.effectiveFrom ?? now,
        effectiveTo: input.effectiveTo ?? null,
        expectedVersion,
        at: now,
      },
      state.catalogue,
    );
    await insertRuleVersion(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.rule_changed',
        entity: 'authority_rule',
        entityId: ruleId,
        before: current,
        after: next,
      },
    ]);
    return { next, versions: [...versions, next] };
  });
  ctx.events.publish([changedEvent(ctx, next, now)]);
  return { current: next, inForce: versionInForce(versions, now), versions };
}

export async function getRule(ctx: CommandContext, ruleId: string): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.act');
  const versions = await loadRuleVersions(ctx.db.db, ruleId);
  const current = versions.at(-1);
  if (!current) throw new NotFound('authority_rule', ruleId);
  return { current, inForce: versionInForce(versions, ctx.clock.now()), versions };
}

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
