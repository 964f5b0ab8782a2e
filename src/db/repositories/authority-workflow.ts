import type {
  ActionRequest,
  ApprovalRequest,
  Approver,
  FrictionReport,
  LimitState,
  OverrideRecord,
} from '../../core/authority/index.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

// ---------------------------------------------------------------- approvals

/** An approval as stored: the engine's request plus where it belongs and what it executed. */
export interface StoredApproval extends ApprovalRequest {
  caseId: string;
  customerId: string;
  purchaseId: string | null;
  actionId: string | null;
  version: number;
}

interface ApprovalRow {
  id: string;
  status: ApprovalRequest['status'];
  caseId: string;
  customerId: string;
  actionType: string;
  amountMinor: number | null;
  currency: string | null;
  ruleId: string;
  ruleVersion: number;
  requesterId: string;
  requesterName: string;
  justification: string;
  approvers: Approver[];
  level: number;
  request: ActionRequest;
  limitState: LimitState;
  purchaseId: string | null;
  requestedAt: Date;
  deadline: Date;
  slaMinutes: number;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  actionId: string | null;
  version: number;
}

const approvalColumns =
  sql.raw(`id, status, case_id as "caseId", customer_id as "customerId", action_type as "actionType",
  amount_minor as "amountMinor", currency, rule_id as "ruleId", rule_version as "ruleVersion",
  requester_id as "requesterId", requester_name as "requesterName", justification, approvers, level, request,
  limit_state as "limitState", purchase_id as "purchaseId", requested_at as "requestedAt", deadline,
  sla_minutes as "slaMinutes", decided_by_id as "decidedById", decided_by_name as "decidedByName",
  decided_at as "decidedAt", decision_note as "decisionNote", action_id as "actionId", version`);

function toApproval(r: ApprovalRow): StoredApproval {
  return {
    id: r.id,
    status: r.status,
    request: r.request,
    actionType: r.actionType,
    amount:
      r.amountMinor !== null && r.currency
        ? { amountMinor: Number(r.amountMinor), currency: r.currency }
        : null,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    limit: r.limitState,
    requester: { id: r.requesterId, name: r.requesterName },
    justification: r.justification,
    approvers: r.approvers,
    level: r.level,
    requestedAt: r.requestedAt,
    deadline: r.deadline,
    slaMinutes: r.slaMinutes,
    resolution:
      r.decidedAt && r.decidedById
        ? {
            by: { id: r.decidedById, name: r.decidedByName ?? '' },
            at: r.decidedAt,
            note: r.decisionNote ?? '',
          }
        : null,
    caseId: r.caseId,
    customerId: r.customerId,
    purchaseId: r.purchaseId,
    actionId: r.actionId,
    version: r.version,
  };
}

export async function insertApproval(
  tx: Executor,
  a: ApprovalRequest,
  where: { caseId: string; customerId: string; purchaseId: string | null },
): Promise<StoredApproval> {
  const created = await one<ApprovalRow>(
    tx,
    sql`insert into authority_approvals (id, status, case_id, customer_id, action_type, amount_minor, currency, rule_id,
          rule_version, requester_id, requester_name, justification, approvers, level, request, limit_state, purchase_id,
          requested_at, deadline, sla_minutes)
        values (${a.id}, ${a.status}, ${where.caseId}, ${where.customerId}, ${a.actionType}, ${a.amount?.amountMinor ?? null},
          ${a.amount?.currency ?? null}, ${a.ruleId}, ${a.ruleVersion}, ${a.requester.id}, ${a.requester.name},
          ${a.justification}, ${JSON.stringify(a.approvers)}::jsonb, ${a.level}, ${JSON.stringify(a.request)}::jsonb,
          ${JSON.stringify(a.limit)}::jsonb, ${where.purchaseId}, ${a.requestedAt}, ${a.deadline}, ${a.slaMinutes})
        returning ${approvalColumns}`,
  );
  return toApproval(created!);
}

export async function loadApproval(
  tx: Executor,
  id: string,
  lock = false,
): Promise<StoredApproval | undefined> {
  const found = await one<ApprovalRow>(
    tx,
    sql`select ${approvalColumns} from authority_approvals where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return found ? toApproval(found) : undefined;
}

/** Writes the state the engine moved the approval to; the version bumps on every change. */
export async function saveApproval(
  tx: Executor,
  a: ApprovalRequest,
  actionId: string | null = null,
): Promise<StoredApproval> {
  const updated = await one<ApprovalRow>(
    tx,
    sql`update authority_approvals set status = ${a.status}, level = ${a.level}, deadline = ${a.deadline},
          decided_by_id = ${a.resolution?.by.id ?? null}, decided_by_name = ${a.resolution?.by.name ?? null},
          decided_at = ${a.resolution?.at ?? null}, decision_note = ${a.resolution?.note ?? null},
          action_id = coalesce(${actionId}::uuid, action_id), version = version + 1
        where id = ${a.id} returning ${approvalColumns}`,
  );
  return toApproval(updated!);
}

export interface ApprovalFilter {
  statuses: ApprovalRequest['status'][];
  /** Only requests this person may decide now: asked by id, or by their role, at the current level or before. */
  decidableBy?: { id: string; role: string };
  requesterId?: string;
  caseId?: string;
  limit: number;
}

export async function findApprovals(tx: Executor, f: ApprovalFilter): Promise<StoredApproval[]> {
  const where = [
    sql`status in (${sql.join(
      f.statuses.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  ];
  if (f.decidableBy) {
    where.push(sql`requester_id <> ${f.decidableBy.id}`);
    where.push(sql`exists (select 1 from jsonb_array_elements(approvers) with ordinality as x(a, n)
      where x.n <= level + 1 and ((x.a->>'kind' = 'person' and x.a->'person'->>'id' = ${f.decidableBy.id})
        or (x.a->>'kind' = 'role' and x.a->>'role' = ${f.decidableBy.role})))`);
  }
  if (f.requesterId) where.push(sql`requester_id = ${f.requesterId}`);
  if (f.caseId) where.push(sql`case_id = ${f.caseId}`);
  return (
    await rows<ApprovalRow>(
      tx,
      sql`select ${approvalColumns} from authority_approvals where ${sql.join(where, sql` and `)}
          order by deadline, id limit ${f.limit}`,
    )
  ).map(toApproval);
}

/** Open approvals whose deadline has passed, locked and skipped by any concurrent sweep. */
export async function lockOverdueApprovals(
  tx: Executor,
  now: Date,
  limit: number,
): Promise<StoredApproval[]> {
  return (
    await rows<ApprovalRow>(
      tx,
      sql`select ${approvalColumns} from authority_approvals
          where status in ('pending', 'escalated') and deadline < ${now}
          order by deadline limit ${limit} for update skip locked`,
    )
  ).map(toApproval);
}

// ---------------------------------------------------------------- overrides

export interface StoredOverride extends OverrideRecord {
  caseId: string;
  customerId: string;
}

interface OverrideRow {
  id: string;
  caseId: string;
  customerId: string;
  actionType: string;
  amountMinor: number | null;
  currency: string | null;
  ruleId: string;
  ruleVersion: number;
  overriddenOutcome: 'needs_approval' | 'denied';
  limitState: LimitState | null;
  byId: string;
  byName: string;
  byRole: string;
  forAgentId: string;
  forAgentName: string;
  justification: string;
  at: Date;
  reportToId: string;
  reportToName: string;
  reportedAt: Date | null;
  request: ActionRequest;
}

const overrideColumns =
  sql.raw(`id, case_id as "caseId", customer_id as "customerId", action_type as "actionType",
  amount_minor as "amountMinor", currency, rule_id as "ruleId", rule_version as "ruleVersion",
  overridden_outcome as "overriddenOutcome", limit_state as "limitState", by_id as "byId", by_name as "byName",
  by_role as "byRole", for_agent_id as "forAgentId", for_agent_name as "forAgentName", justification, at,
  report_to_id as "reportToId", report_to_name as "reportToName", reported_at as "reportedAt", request`);

function toOverride(r: OverrideRow): StoredOverride {
  return {
    id: r.id,
    request: r.request,
    actionType: r.actionType,
    amount:
      r.amountMinor !== null && r.currency
        ? { amountMinor: Number(r.amountMinor), currency: r.currency }
        : null,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    overriddenOutcome: r.overriddenOutcome,
    limit: r.limitState,
    by: { id: r.byId, name: r.byName, role: r.byRole },
    forAgent: { id: r.forAgentId, name: r.forAgentName },
    justification: r.justification,
    at: r.at,
    reportTo: { id: r.reportToId, name: r.reportToName },
    reportedAt: r.reportedAt,
    caseId: r.caseId,
    customerId: r.customerId,
  };
}

export async function insertOverride(
  tx: Executor,
  o: OverrideRecord,
  where: { caseId: string; customerId: string },
): Promise<StoredOverride> {
  const created = await one<OverrideRow>(
    tx,
    sql`insert into authority_overrides (id, case_id, customer_id, action_type, amount_minor, currency, rule_id, rule_version,
          overridden_outcome, limit_state, by_id, by_name, by_role, for_agent_id, for_agent_name, justification, at,
          report_to_id, report_to_name, reported_at, request)
        values (${o.id}, ${where.caseId}, ${where.customerId}, ${o.actionType}, ${o.amount?.amountMinor ?? null},
          ${o.amount?.currency ?? null}, ${o.ruleId}, ${o.ruleVersion}, ${o.overriddenOutcome},
          ${o.limit ? JSON.stringify(o.limit) : null}::jsonb, ${o.by.id}, ${o.by.name}, ${o.by.role}, ${o.forAgent.id},
          ${o.forAgent.name}, ${o.justification}, ${o.at}, ${o.reportTo.id}, ${o.reportTo.name}, ${o.reportedAt},
          ${JSON.stringify(o.request)}::jsonb)
        returning ${overrideColumns}`,
  );
  return toOverride(created!);
}

export async function loadOverride(
  tx: Executor,
  id: string,
  lock = false,
): Promise<StoredOverride | undefined> {
  const found = await one<OverrideRow>(
    tx,
    sql`select ${overrideColumns} from authority_overrides where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return found ? toOverride(found) : undefined;
}

export async function markOverrideSeen(tx: Executor, id: string, at: Date): Promise<StoredOverride> {
  const updated = await one<OverrideRow>(
    tx,
    sql`update authority_overrides set reported_at = coalesce(reported_at, ${at}) where id = ${id}
        returning ${overrideColumns}`,
  );
  return toOverride(updated!);
}

export async function findOverrides(
  tx: Executor,
  f: { reportToId?: string; unseenOnly?: boolean; limit: number },
): Promise<StoredOverride[]> {
  const where = [sql`true`];
  if (f.reportToId) where.push(sql`report_to_id = ${f.reportToId}`);
  if (f.unseenOnly) where.push(sql`reported_at is null`);
  return (
    await rows<OverrideRow>(
      tx,
      sql`select ${overrideColumns} from authority_overrides where ${sql.join(where, sql` and `)}
          order by at desc, id limit ${f.limit}`,
    )
  ).map(toOverride);
}

// ---------------------------------------------------------------- friction reports

interface FrictionRow {
  id: string;
  ruleId: string;
  ruleVersion: number;
  ownerId: string;
  ownerName: string;
  reporterId: string;
  reporterName: string;
  reason: string;
  caseIds: string[];
  createdAt: Date;
  answerDueAt: Date;
  status: FrictionReport['status'];
  verdict: 'keep' | 'change' | 'retire' | null;
  response: string | null;
  answeredById: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
}

const frictionColumns =
  sql.raw(`id, rule_id as "ruleId", rule_version as "ruleVersion", owner_id as "ownerId",
  owner_name as "ownerName", reporter_id as "reporterId", reporter_name as "reporterName", reason,
  case_ids::text[] as "caseIds", created_at as "createdAt", answer_due_at as "answerDueAt", status, verdict, response,
  answered_by_id as "answeredById", answered_by_name as "answeredByName", answered_at as "answeredAt",
  withdrawn_at as "withdrawnAt"`);

function toFriction(r: FrictionRow): FrictionReport {
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    owner: { id: r.ownerId, name: r.ownerName },
    reporter: { id: r.reporterId, name: r.reporterName },
    reason: r.reason,
    caseIds: r.caseIds,
    createdAt: r.createdAt,
    answerDueAt: r.answerDueAt,
    status: r.status,
    answer:
      r.verdict && r.answeredAt && r.answeredById
        ? {
            verdict: r.verdict,
            response: r.response ?? '',
            by: { id: r.answeredById, name: r.answeredByName ?? '' },
            at: r.answeredAt,
          }
        : null,
    withdrawnAt: r.withdrawnAt,
  };
}

function uuidArray(ids: readonly string[]) {
  return sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
}

export async function countExistingCases(tx: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(tx, sql`select id from cases where id = any(${uuidArray(ids)})`);
  return found.map((r) => r.id);
}

export async function insertFriction(tx: Executor, f: FrictionReport): Promise<FrictionReport> {
  const created = await one<FrictionRow>(
    tx,
    sql`insert into authority_friction_reports (id, rule_id, rule_version, owner_id, owner_name, reporter_id, reporter_name,
          reason, case_ids, created_at, answer_due_at, status)
        values (${f.id}, ${f.ruleId}, ${f.ruleVersion}, ${f.owner.id}, ${f.owner.name}, ${f.reporter.id}, ${f.reporter.name},
          ${f.reason}, ${uuidArray(f.caseIds)}, ${f.createdAt}, ${f.answerDueAt}, ${f.status})
        returning ${frictionColumns}`,
  );
  return toFriction(created!);
}

export async function loadFriction(
  tx: Executor,
  id: string,
  lock = false,
): Promise<FrictionReport | undefined> {
  const found = await one<FrictionRow>(
    tx,
    sql`select ${frictionColumns} from authority_friction_reports where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return found ? toFriction(found) : undefined;
}

export async function saveFriction(tx: Executor, f: FrictionReport): Promise<FrictionReport> {
  const updated = await one<FrictionRow>(
    tx,
    sql`update authority_friction_reports set status = ${f.status}, verdict = ${f.answer?.verdict ?? null},
          response = ${f.answer?.response ?? null}, answered_by_id = ${f.answer?.by.id ?? null},
          answered_by_name = ${f.answer?.by.name ?? null}, answered_at = ${f.answer?.at ?? null},
          withdrawn_at = ${f.withdrawnAt}
        where id = ${f.id} returning ${frictionColumns}`,
  );
  return toFriction(updated!);
}

export async function findFriction(
  tx: Executor,
  f: {
    ownerId?: string;
    reporterId?: string;
    ruleId?: string;
    status?: FrictionReport['status'];
    limit: number;
  },
): Promise<FrictionReport[]> {
  const where = [sql`true`];
  if (f.ownerId) where.push(sql`owner_id = ${f.ownerId}`);
  if (f.reporterId) where.push(sql`reporter_id = ${f.reporterId}`);
  if (f.ruleId) where.push(sql`rule_id = ${f.ruleId}`);
  if (f.status) where.push(sql`status = ${f.status}`);
  return (
    await rows<FrictionRow>(
      tx,
      sql`select ${frictionColumns} from authority_friction_reports where ${sql.join(where, sql` and `)}
          order by answer_due_at, id limit ${f.limit}`,
    )
  ).map(toFriction);
}
