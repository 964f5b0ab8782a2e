import type { Role } from '../../core/access/roles.ts';
import {
  type ActionType,
  type AgentProfile,
  type AuthorityRule,
  type CaseOutcome,
  CurrencyMismatch,
  type CustomerSituation,
  type DecisionLogEntry,
  type ExecutedAction,
  type Money,
  type PersonRef,
  type Usage,
  type UsageQuery,
  type UsageSums,
} from '../../core/authority/index.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

// ---------------------------------------------------------------- catalogue and rules

interface ActionTypeRow {
  id: string;
  label: string;
  verb: string;
  measure: 'money' | 'count';
  params: ActionType['params'];
  ownerId: string;
  ownerName: string;
}

export async function loadActionTypeAdditions(tx: Executor): Promise<ActionType[]> {
  const found = await rows<ActionTypeRow>(
    tx,
    sql`select id, label, verb, measure, params, default_owner_id as "ownerId", default_owner_name as "ownerName"
        from action_types order by seq`,
  );
  return found.map((r) => ({
    id: r.id,
    label: r.label,
    verb: r.verb,
    measure: r.measure,
    params: r.params,
    defaultOwner: { id: r.ownerId, name: r.ownerName },
  }));
}

export async function insertActionType(tx: Executor, type: ActionType, createdBy: string): Promise<void> {
  await tx.execute(
    sql`insert into action_types (id, label, verb, measure, params, default_owner_id, default_owner_name, created_by)
        values (${type.id}, ${type.label}, ${type.verb}, ${type.measure}, ${JSON.stringify(type.params)}::jsonb,
                ${type.defaultOwner.id}, ${type.defaultOwner.name}, ${createdBy})`,
  );
}

/**
 * What the cached rule book depends on: versions and catalogue rows are append-only, so their
 * count and highest sequence number change exactly when something was added. The catalogue's default owner
 * is the longest-serving active admin (the person who answers for actions no rule covers yet).
 */
export interface AuthorityStamp {
  /** `count:max(seq)` of the append-only rule versions. */
  rulesSeq: string;
  typesSeq: string;
  defaultOwner: PersonRef | null;
}

export async function loadAuthorityStamp(tx: Executor): Promise<AuthorityStamp> {
  const found = await one<{
    rulesSeq: string;
    typesSeq: string;
    ownerId: string | null;
    ownerName: string | null;
  }>(
    tx,
    // Count and highest sequence together: a version that commits after a later-numbered one
    // leaves the maximum unchanged but not the count.
    sql`select (select count(*) || ':' || coalesce(max(seq), 0) from authority_rule_versions) as "rulesSeq",
               (select count(*) || ':' || coalesce(max(seq), 0) from action_types) as "typesSeq",
               o.id as "ownerId", o.name as "ownerName"
        from (select 1) x
        left join lateral (select id, name from agents where role = 'admin' and kind = 'person' and active
                           order by created_at, id limit 1) o on true`,
  );
  return {
    rulesSeq: found?.rulesSeq ?? '0:0',
    typesSeq: found?.typesSeq ?? '0:0',
    defaultOwner: found?.ownerId ? { id: found.ownerId, name: found.ownerName ?? '' } : null,
  };
}

interface RuleRow {
  id: string;
  version: number;
  name: string;
  actionType: string;
  scope: AuthorityRule['scope'];
  limits: AuthorityRule['limits'];
  conditions: AuthorityRule['conditions'];
  ownerId: string;
  ownerName: string;
  rationale: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  override: AuthorityRule['override'];
  approval: AuthorityRule['approval'];
  editedById: string;
  editedByName: string;
  editReason: string;
  editedAt: Date;
}

const ruleColumns =
  sql.raw(`rule_id as id, version, name, action_type as "actionType", scope, limits, conditions,
  owner_id as "ownerId", owner_name as "ownerName", rationale, effective_from as "effectiveFrom",
  effective_to as "effectiveTo", override_policy as override, approval_route as approval,
  edited_by_id as "editedById", edited_by_name as "editedByName", edit_reason as "editReason", edited_at as "editedAt"`);

function toRule(r: RuleRow): AuthorityRule {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    actionType: r.actionType,
    scope: r.scope,
    limits: r.limits,
    conditions: r.conditions,
    owner: { id: r.ownerId, name: r.ownerName },
    rationale: r.rationale,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    override: r.override,
    approval: r.approval,
    editedBy: { id: r.editedById, name: r.editedByName },
    editReason: r.editReason,
    editedAt: r.editedAt,
  };
}

export async function loadAllRuleVersions(tx: Executor): Promise<AuthorityRule[]> {
  return (await rows<RuleRow>(tx, sql`select ${ruleColumns} from authority_rule_versions order by seq`)).map(
    toRule,
  );
}

export async function loadRuleVersions(tx: Executor, ruleId: string, lock = false): Promise<AuthorityRule[]> {
  if (lock) {
    // Serialises edits of one rule: the second editor waits and then sees a stale version.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('authority_rule:' || ${ruleId}))`);
  }
  return (
    await rows<RuleRow>(
      tx,
      sql`select ${ruleColumns} from authority_rule_versions where rule_id = ${ruleId} order by version`,
    )
  ).map(toRule);
}

export async function insertRuleVersion(tx: Executor, r: AuthorityRule): Promise<void> {
  await tx.execute(
    sql`insert into authority_rule_versions (rule_id, version, name, action_type, scope, limits, conditions, owner_id,
          owner_name, rationale, effective_from, effective_to, override_policy, approval_route, edited_by_id,
          edited_by_name, edit_reason, edited_at)
        values (${r.id}, ${r.version}, ${r.name}, ${r.actionType}, ${JSON.stringify(r.scope)}::jsonb,
          ${JSON.stringify(r.limits)}::jsonb, ${JSON.stringify(r.conditions)}::jsonb, ${r.owner.id}, ${r.owner.name},
          ${r.rationale}, ${r.effectiveFrom}, ${r.effectiveTo}, ${JSON.stringify(r.override)}::jsonb,
          ${JSON.stringify(r.approval)}::jsonb, ${r.editedBy.id}, ${r.editedBy.name}, ${r.editReason}, ${r.editedAt})`,
  );
}

// ---------------------------------------------------------------- people and customers

export interface AgentWithRole {
  profile: AgentProfile;
  role: Role;
  kind: 'person' | 'integration';
  active: boolean;
}

interface AgentRow {
  id: string;
  name: string;
  role: Role;
  kind: 'person' | 'integration';
  active: boolean;
  teamId: string | null;
  siteId: string | null;
  timeZone: string | null;
}

const agentProfileQuery = sql.raw(`select a.id, a.name, a.role, a.kind, a.active, a.team_id as "teamId",
  coalesce(a.site_id, t.site_id) as "siteId", coalesce(a.time_zone, s.time_zone, 'UTC') as "timeZone"
  from agents a left join teams t on t.id = a.team_id left join sites s on s.id = coalesce(a.site_id, t.site_id)`);

function toAgent(r: AgentRow): AgentWithRole {
  return {
    // An agent without a team or site matches only rules that do not name one.
    profile: {
      id: r.id,
      name: r.name,
      role: r.role,
      teamId: r.teamId ?? '',
      siteId: r.siteId ?? '',
      timeZone: r.timeZone ?? 'UTC',
    },
    role: r.role,
    kind: r.kind,
    active: r.active,
  };
}

export async function loadAgentProfile(tx: Executor, id: string): Promise<AgentWithRole | undefined> {
  const found = await one<AgentRow>(tx, sql`${agentProfileQuery} where a.id = ${id}`);
  return found ? toAgent(found) : undefined;
}

/** People who may hold authority: active persons in a staff role. */
export async function loadStaffProfiles(tx: Executor): Promise<AgentWithRole[]> {
  return (
    await rows<AgentRow>(
      tx,
      sql`${agentProfileQuery} where a.active and a.kind = 'person' and a.role in ('agent', 'lead', 'manager', 'admin')
          order by a.name, a.id`,
    )
  ).map(toAgent);
}

export interface PurchaseRef {
  purchaseId?: string | undefined;
  /** The `product` parameter of the request: a product SKU, name or id, or a purchase id. */
  product?: string | undefined;
}

/**
 * The customer as the engine sees them. Receipt and warranty are about the purchase this request
 * concerns: the one named, else the customer's latest purchase of the product given; without
 * either, no receipt and no warranty are assumed. Open problems come from the customer's
 * `attributes.openProblems` until the Problem entity exists.
 */
export async function loadCustomerSituation(
  tx: Executor,
  customerId: string,
  ref: PurchaseRef,
): Promise<(CustomerSituation & { purchaseId: string | null }) | undefined> {
  const product = ref.product?.trim() || null;
  const purchaseId = ref.purchaseId ?? null;
  const found = await one<{
    id: string;
    tier: string;
    lifetimeValueMinor: number;
    currency: string;
    createdAt: Date;
    openProblems: string | null;
    purchaseId: string | null;
    receiptOnFile: boolean | null;
    underWarranty: boolean | null;
  }>(
    tx,
    sql`select c.id, c.tier, c.lifetime_value_minor as "lifetimeValueMinor", c.currency, c.created_at as "createdAt",
               c.attributes->>'openProblems' as "openProblems",
               p.id as "purchaseId", p.receipt_number is not null as "receiptOnFile",
               (p.warranty_until is not null and p.warranty_until >= current_date) as "underWarranty"
        from customers c
        left join lateral (
          select p.id, p.receipt_number, p.warranty_until from purchases p join products pr on pr.id = p.product_id
          where p.customer_id = c.id and (
            (${purchaseId}::uuid is not null and p.id = ${purchaseId}::uuid) or
            (${purchaseId}::uuid is null and ${product}::text is not null and
              (pr.sku = ${product} or lower(pr.name) = lower(${product}) or pr.id::text = ${product}
               or p.id::text = ${product} or p.serial_number = ${product})))
          order by p.purchased_at desc limit 1) p on true
        where c.id = ${customerId}`,
  );
  if (!found) return undefined;
  const openProblems = Number(found.openProblems ?? 0);
  return {
    id: found.id,
    tier: found.tier,
    lifetimeValue: { amountMinor: Number(found.lifetimeValueMinor), currency: found.currency },
    customerSince: found.createdAt,
    openProblems: Number.isInteger(openProblems) && openProblems > 0 ? openProblems : 0,
    receiptOnFile: found.receiptOnFile ?? false,
    underWarranty: found.underWarranty ?? false,
    purchaseId: found.purchaseId,
  };
}

// ---------------------------------------------------------------- usage and executed actions

/**
 * Takes the usage locks for one action type: the customer's row first, then the agent's, always
 * in that order so two executions never deadlock. Held until the transaction ends.
 */
export async function lockUsage(
  tx: Executor,
  customerId: string,
  agentId: string,
  actionType: string,
): Promise<void> {
  for (const [kind, subject] of [
    ['customer', customerId],
    ['agent', agentId],
  ] as const) {
    await tx.execute(
      sql`insert into authority_usage_locks (kind, subject_id, action_type) values (${kind}, ${subject}, ${actionType})
          on conflict (kind, subject_id, action_type) do update set touched_at = now()`,
    );
  }
}

interface UsageRow {
  amountMinor: number | null;
  currency: string | null;
  maxCurrency: string | null;
  currencies: number;
  actions: number;
}

function toUsage(r: UsageRow | undefined, where: string): Usage {
  if (!r || Number(r.actions) === 0) return { actions: 0 };
  // Amounts are never added across currencies; mixed usage is refused, as `sumUsage` does.
  if (Number(r.currencies) > 1) throw new CurrencyMismatch(r.currency ?? '', r.maxCurrency ?? '', where);
  if (r.currency) {
    return {
      actions: Number(r.actions),
      amount: { amountMinor: Number(r.amountMinor ?? 0), currency: r.currency },
    };
  }
  return { actions: Number(r.actions) };
}

/** The SQL form of `sumUsage`: [from, to) windows on executed_at, for one action type. */
export async function loadUsage(tx: Executor, q: UsageQuery): Promise<UsageSums> {
  const customer = q.customerWindow;
  const [found] = await rows<{ c: UsageRow; a: UsageRow }>(
    tx,
    sql`select
          (select row_to_json(x) from (select sum(amount_minor) as "amountMinor", min(currency) as currency,
                   max(currency) as "maxCurrency", count(distinct currency) as currencies, count(*) as actions
                 from authority_actions
                 where ${
                   customer
                     ? sql`action_type = ${q.actionType} and customer_id = ${q.customerId}
                   and executed_at >= ${customer.from} and executed_at < ${customer.to}`
                     : sql`false`
                 }) x) as c,
          (select row_to_json(x) from (select sum(amount_minor) as "amountMinor", min(currency) as currency,
                   max(currency) as "maxCurrency", count(distinct currency) as currencies, count(*) as actions
                 from authority_actions
                 where action_type = ${q.actionType} and agent_id = ${q.agentId}
                   and executed_at >= ${q.agentDayWindow.from} and executed_at < ${q.agentDayWindow.to}) x) as a`,
  );
  return {
    customerInPeriod: toUsage(found?.c, "The customer's prior usage"),
    agentToday: toUsage(found?.a, "The agent's usage today"),
  };
}

export interface ExecutedActionRecord {
  id: string;
  caseId: string;
  customerId: string;
  agentId: string;
  executedBy: string;
  actionType: string;
  amount: Money | null;
  params: Record<string, unknown>;
  basis: 'allowed' | 'approval' | 'override';
  ruleId: string | null;
  ruleVersion: number | null;
  approvalId: string | null;
  overrideId: string | null;
  executedAt: Date;
}

const actionColumns = sql.raw(`id, case_id as "caseId", customer_id as "customerId", agent_id as "agentId",
  executed_by as "executedBy", action_type as "actionType", amount_minor as "amountMinor", currency, params, basis,
  rule_id as "ruleId", rule_version as "ruleVersion", approval_id as "approvalId", override_id as "overrideId",
  executed_at as "executedAt"`);

type ActionRow = Omit<ExecutedActionRecord, 'amount'> & {
  amountMinor: number | null;
  currency: string | null;
};

function toAction(r: ActionRow): ExecutedActionRecord {
  const { amountMinor, currency, ...rest } = r;
  return {
    ...rest,
    amount: amountMinor !== null && currency ? { amountMinor: Number(amountMinor), currency } : null,
  };
}

export async function insertAction(
  tx: Executor,
  a: Omit<ExecutedActionRecord, 'id'>,
): Promise<ExecutedActionRecord> {
  const created = await one<ActionRow>(
    tx,
    sql`insert into authority_actions (case_id, customer_id, agent_id, executed_by, action_type, amount_minor, currency,
          params, basis, rule_id, rule_version, approval_id, override_id, executed_at)
        values (${a.caseId}, ${a.customerId}, ${a.agentId}, ${a.executedBy}, ${a.actionType},
          ${a.amount?.amountMinor ?? null}, ${a.amount?.currency ?? null}, ${JSON.stringify(a.params)}::jsonb, ${a.basis},
          ${a.ruleId}, ${a.ruleVersion}, ${a.approvalId}, ${a.overrideId}, ${a.executedAt})
        returning ${actionColumns}`,
  );
  return toAction(created!);
}

export async function findActions(
  tx: Executor,
  filter: { caseId?: string; customerId?: string; limit: number },
): Promise<ExecutedActionRecord[]> {
  const where = [sql`true`];
  if (filter.caseId) where.push(sql`case_id = ${filter.caseId}`);
  if (filter.customerId) where.push(sql`customer_id = ${filter.customerId}`);
  return (
    await rows<ActionRow>(
      tx,
      sql`select ${actionColumns} from authority_actions where ${sql.join(where, sql` and `)}
          order by executed_at desc, id limit ${filter.limit}`,
    )
  ).map(toAction);
}

export async function findExecutedBetween(tx: Executor, from: Date, to: Date): Promise<ExecutedAction[]> {
  const found = await rows<{
    actionType: string;
    customerId: string;
    agentId: string;
    executedAt: Date;
    amountMinor: number | null;
    currency: string | null;
  }>(
    tx,
    sql`select action_type as "actionType", customer_id as "customerId", agent_id as "agentId",
               executed_at as "executedAt", amount_minor as "amountMinor", currency
        from authority_actions where executed_at >= ${from} and executed_at < ${to}`,
  );
  return found.map((r) => ({
    actionType: r.actionType,
    customerId: r.customerId,
    agentId: r.agentId,
    executedAt: r.executedAt,
    ...(r.amountMinor !== null && r.currency
      ? { amount: { amountMinor: Number(r.amountMinor), currency: r.currency } }
      : {}),
  }));
}

// ---------------------------------------------------------------- decision log

export type DecisionSource = 'execute' | 'approval_request' | 'override';

export async function insertDecisionLog(
  tx: Executor,
  e: DecisionLogEntry & { customerId: string | null; source: DecisionSource },
): Promise<void> {
  await tx.execute(
    sql`insert into authority_decisions (at, agent_id, case_id, customer_id, action_type, rule_id, rule_version, outcome,
          overridden, amount_minor, currency, source)
        values (${e.at}, ${e.agentId}, ${e.caseId}, ${e.customerId}, ${e.actionType}, ${e.ruleId}, ${e.ruleVersion},
          ${e.outcome}, ${e.overridden}, ${e.amount?.amountMinor ?? null}, ${e.amount?.currency ?? null}, ${e.source})`,
  );
}

export async function findDecisionLog(tx: Executor, from: Date, to: Date): Promise<DecisionLogEntry[]> {
  const found = await rows<
    Omit<DecisionLogEntry, 'amount'> & { amountMinor: number | null; currency: string | null }
  >(
    tx,
    sql`select at, agent_id as "agentId", case_id as "caseId", action_type as "actionType", rule_id as "ruleId",
               rule_version as "ruleVersion", outcome, overridden, amount_minor as "amountMinor", currency
        from authority_decisions where at >= ${from} and at < ${to} order by id`,
  );
  return found.map(({ amountMinor, currency, ...e }) => ({
    ...e,
    amount: amountMinor !== null && currency ? { amountMinor: Number(amountMinor), currency } : null,
  }));
}

/**
 * How the affected cases ended: the score of the customer's rating that counts (the latest in
 * case_ratings; null when they did not answer), and whether the customer came back about it: the
 * case was reopened, or the same customer opened another case within 7 days after it was resolved
 * (or closed, for a case closed without being resolved).
 */
export async function loadCaseOutcomes(tx: Executor, caseIds: readonly string[]): Promise<CaseOutcome[]> {
  if (caseIds.length === 0) return [];
  const found = await rows<{ caseId: string; csat: number | null; repeatContact: boolean }>(
    tx,
    sql`select k.id as "caseId",
          (select r.score from case_ratings r where r.case_id = k.id
            order by r.rated_at desc, r.created_at desc, r.id desc limit 1) as csat,
          (k.reopened_count > 0 or coalesce(exists (select 1 from cases n
            where n.customer_id = k.customer_id and n.id <> k.id
              and n.created_at > coalesce(k.resolved_at, k.closed_at)
              and n.created_at <= coalesce(k.resolved_at, k.closed_at) + interval '7 days'), false)) as "repeatContact"
        from cases k
        where k.id in (${sql.join(
          caseIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return found.map((r) => ({
    caseId: r.caseId,
    csat: r.csat === null ? null : Number(r.csat),
    repeatContact: r.repeatContact,
  }));
}
