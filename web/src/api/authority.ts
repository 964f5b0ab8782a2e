import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from './client.ts';
import { keys } from './keys.ts';

export interface MoneyOut {
  amountMinor: number;
  currency: string;
  formatted: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export type ParamSpec =
  | { name: string; kind: 'money'; required: boolean }
  | { name: string; kind: 'text'; required: boolean; minLength?: number; maxLength?: number }
  | { name: string; kind: 'choice'; required: boolean; options: string[] }
  | { name: string; kind: 'product'; required: boolean }
  | { name: string; kind: 'boolean'; required: boolean };

export interface ActionType {
  id: string;
  label: string;
  verb: string;
  measure: 'money' | 'count';
  params: ParamSpec[];
  defaultOwner: PersonRef | null;
}

export interface RuleRef {
  id: string;
  version: number;
  name: string;
  owner: PersonRef;
  rationale: string;
}

export interface Remaining {
  amount: MoneyOut | null;
  actions: number | null;
  binding: string | null;
  sentence: string;
}

export interface Approver {
  kind: 'person' | 'role';
  name: string;
  role?: string;
}

export interface LimitState {
  kind: 'per_action' | 'per_customer_period' | 'per_agent_day';
  measure: 'amount' | 'actions';
  limit: MoneyOut | number | null;
  used: MoneyOut | number | null;
  requested: MoneyOut | number | null;
  remaining: MoneyOut | number | null;
  exceeded: boolean;
  periodDays?: number;
}

export interface Held {
  actionType: string;
  rule: RuleRef | null;
  remaining: Remaining;
  askFor: Approver | null;
}

interface DecisionBase {
  actionType: string;
  amount: MoneyOut | null;
  reason: string;
  rule: RuleRef | null;
}

export type Decision =
  | (DecisionBase & { outcome: 'allowed'; remaining: Remaining })
  | (DecisionBase & {
      outcome: 'needs_approval';
      approver: Approver | null;
      limit: LimitState | null;
      overridable: boolean;
      /** Roles the rule lets override it (sent by the server with every non-allowed decision). */
      overrideRoles?: string[];
    })
  | (DecisionBase & {
      outcome: 'denied';
      cause: 'no_rule' | 'conditions_not_met' | 'over_limit_no_approval';
      owner: PersonRef | null;
      rationale: string;
      limit: LimitState | null;
      overridable: boolean;
      overrideRoles?: string[];
    });

export interface ActionInput {
  actionType: string;
  params: Record<string, unknown>;
}

export interface Approval {
  id: string;
  status: 'pending' | 'escalated' | 'approved' | 'rejected' | 'expired';
  caseId: string;
  customerId: string;
  actionType: string;
  amount: MoneyOut | null;
  params: Record<string, unknown>;
  limit: LimitState | null;
  requester: PersonRef;
  justification: string;
  approver: Approver | null;
  requestedAt: string;
  deadline: string;
  overdue: boolean;
}

export interface FrictionReport {
  id: string;
  rule: { id: string; version: number };
  owner: PersonRef;
  reporter: PersonRef;
  reason: string;
  caseIds: string[];
  createdAt: string;
  answerDueAt: string;
  overdue: boolean;
  status: 'open' | 'answered' | 'withdrawn';
}

const FIVE_MINUTES = 5 * 60_000;

export function useCatalogue(enabled = true) {
  return useQuery({
    queryKey: keys.catalogue,
    queryFn: async ({ signal }) => (await get<{ items: ActionType[] }>('/authority/catalogue', signal)).items,
    staleTime: FIVE_MINUTES,
    enabled,
  });
}

export function useMyAuthority(caseId: string, enabled = true) {
  return useQuery({
    queryKey: keys.myAuthority(caseId),
    queryFn: async ({ signal }) =>
      (await get<{ items: Held[] }>(`/authority/me?case=${encodeURIComponent(caseId)}`, signal)).items,
    enabled,
  });
}

export function useEvaluate(caseId: string) {
  return useMutation({
    mutationFn: async (input: ActionInput) =>
      (
        await request<{ decision: Decision; held: Held }>(`/cases/${caseId}/actions/evaluate`, {
          method: 'POST',
          body: input,
        })
      ).data,
  });
}

export function useExecute(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ActionInput) =>
      (await request<{ decision: Decision }>(`/cases/${caseId}/actions`, { method: 'POST', body: input }))
        .data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.authority }),
  });
}

export function useRequestApproval(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ActionInput & { justification: string }) =>
      (
        await request<Approval>(`/cases/${caseId}/actions/approval-requests`, {
          method: 'POST',
          body: input,
        })
      ).data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.authority }),
  });
}

/** The server's minimum for an override's written justification (MIN_OVERRIDE_JUSTIFICATION), trimmed. */
export const MIN_OVERRIDE_JUSTIFICATION = 30;

/** An executed action as the server presents it (POST /cases/:id/actions/override answers one). */
export interface ExecutedAction {
  id: string;
  caseId: string;
  customerId: string;
  agentId: string;
  executedBy: string;
  actionType: string;
  amount: MoneyOut | null;
  params: Record<string, unknown>;
  basis: 'allowed' | 'approval' | 'override';
  rule: { id: string; version: number } | null;
  approvalId: string | null;
  overrideId: string | null;
  executedAt: string;
}

export interface OverrideInput extends ActionInput {
  justification: string;
  /** Whose decision is overridden (and whose action it is); the server defaults to the case owner. */
  forAgentId?: string;
}

/**
 * A lead or manager overrides the decision where the rule allows it: the action is executed at once,
 * recorded, and reported to the rule's owner. Refreshes every authority query (what is left, the
 * owner's Overrides tab).
 */
export function useOverrideAction(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: OverrideInput) =>
      (
        await request<{ override: Override; action: ExecutedAction }>(`/cases/${caseId}/actions/override`, {
          method: 'POST',
          body: input,
        })
      ).data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.authority }),
  });
}

export function useFlagRule() {
  return useMutation({
    mutationFn: async ({ ruleId, reason, caseId }: { ruleId: string; reason: string; caseId: string }) =>
      (
        await request<FrictionReport>(`/authority/rules/${ruleId}/friction`, {
          method: 'POST',
          body: { reason, caseIds: [caseId] },
        })
      ).data,
  });
}

export function useApprovals(view: 'queue' | 'mine', enabled = true) {
  return useQuery({
    queryKey: keys.approvals(view),
    queryFn: async ({ signal }) =>
      (await get<{ items: Approval[] }>(`/authority/approvals?view=${view}`, signal)).items,
    enabled,
  });
}

export function useDecideApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, verdict, note }: { id: string; verdict: 'approve' | 'reject'; note: string }) =>
      (
        await request<{ approval: Approval }>(`/authority/approvals/${id}/${verdict}`, {
          method: 'POST',
          body: { note },
        })
      ).data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.authority }),
  });
}

export function useFrictionQueue(enabled = true) {
  return useQuery({
    queryKey: keys.friction,
    queryFn: async ({ signal }) =>
      (await get<{ items: FrictionReport[] }>('/authority/friction?owner=me&status=open', signal)).items,
    enabled,
  });
}

export function useAnswerFriction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      verdict,
      response,
    }: {
      id: string;
      verdict: 'keep' | 'change' | 'retire';
      response: string;
    }) =>
      (
        await request<FrictionReport>(`/authority/friction/${id}/answer`, {
          method: 'POST',
          body: { verdict, response },
        })
      ).data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.friction }),
  });
}

// ------------------------------------------------------------ rules, overrides, friction, reports
// (the Rules screen, #/rules). Keys stay under ['authority', …] so authority.* events refresh them.

export type StaffRole = 'agent' | 'lead' | 'manager' | 'admin';

export interface RuleScope {
  agentId?: string;
  teamId?: string;
  siteId?: string;
  role?: StaffRole;
}

export interface RuleLimits {
  perAction?: MoneyOut;
  perCustomer?: { periodDays: number; maxAmount?: MoneyOut; maxActions?: number };
  perAgentDay?: { maxAmount?: MoneyOut; maxActions?: number };
}

export interface RuleConditions {
  tiers?: string[];
  minLifetimeValue?: MoneyOut;
  minTenureDays?: number;
  maxOpenProblems?: number;
  receiptOnFile?: boolean;
  underWarranty?: boolean;
}

export type ApprovalRoute =
  | { by: 'owner' }
  | { by: 'role'; role: 'lead' | 'manager' | 'admin' }
  | { by: 'person'; person: PersonRef }
  | { by: 'none' };

/** One version of a rule, as GET /authority/rules/:id returns it (versions[] holds every one). */
export interface RuleVersion {
  id: string;
  version: number;
  name: string;
  actionType: string;
  scope: RuleScope;
  limits: RuleLimits;
  conditions: RuleConditions;
  owner: PersonRef;
  rationale: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  override: { allowed: boolean; roles: StaffRole[] };
  approval: ApprovalRoute;
  editedBy: PersonRef;
  editReason: string;
  editedAt: string;
}

export interface Rule extends RuleVersion {
  inForce: boolean;
  inForceVersion: number | null;
  versions?: RuleVersion[];
}

/** Money on the wire in minor units: {amountMinor: 5000, currency: 'EUR'} is 50.00 EUR. */
export interface MoneyIn {
  amountMinor: number;
  currency: string;
}

export interface RuleInput {
  name: string;
  actionType: string;
  scope: RuleScope;
  limits: {
    perAction?: MoneyIn;
    perCustomer?: { periodDays: number; maxAmount?: MoneyIn; maxActions?: number };
    perAgentDay?: { maxAmount?: MoneyIn; maxActions?: number };
  };
  conditions: Omit<RuleConditions, 'minLifetimeValue'> & { minLifetimeValue?: MoneyIn };
  ownerId: string;
  rationale: string;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  override: { allowed: boolean; roles: StaffRole[] };
  approval:
    | { by: 'owner' }
    | { by: 'role'; role: string }
    | { by: 'person'; personId: string }
    | { by: 'none' };
}

export type RuleChange = Partial<Omit<RuleInput, 'actionType'>> & { reason: string };

export interface ActionTypeInput {
  id: string;
  label: string;
  verb: string;
  measure: 'money' | 'count';
  params: ParamSpec[];
  defaultOwnerId?: string;
}

export interface Override {
  id: string;
  caseId: string;
  customerId: string;
  actionType: string;
  amount: MoneyOut | null;
  params: Record<string, unknown>;
  rule: { id: string; version: number };
  overriddenOutcome: string;
  limit: LimitState | null;
  by: PersonRef & { role?: string };
  forAgent: PersonRef;
  justification: string;
  at: string;
  reportTo: PersonRef;
  acknowledgedAt: string | null;
}

/** A friction report with its answer, as the friction endpoints return it. */
export interface FrictionReportDetail extends FrictionReport {
  answer: { verdict: 'keep' | 'change' | 'retire'; response: string; by: PersonRef; at: string } | null;
  withdrawnAt: string | null;
}

export type FrictionView = 'owner' | 'mine' | 'all';

export interface RuleReportRow {
  ruleId: string | null;
  ruleName: string | null;
  owner: PersonRef | null;
  allowed: number;
  needsApproval: number;
  denied: number;
  overridden: number;
  total: number;
  cases: number;
  csatResponses: number;
  csatAverage: number | null;
  casesWithOutcome: number;
  repeatContactRate: number | null;
}

export interface AgentReportRow {
  agentId: string;
  agentName: string;
  actionType: string;
  usedAmountMinor: number;
  usedActions: number;
  heldAmountMinor: number | null;
  heldActions: number | null;
  currency: string | null;
  amountUtilisation: number | null;
  actionUtilisation: number | null;
}

export interface Report<Row> {
  from: string;
  to: string;
  rows: Row[];
}

export const authorityKeys = {
  rules: ['authority', 'rules'] as const,
  rule: (id: string) => ['authority', 'rules', id] as const,
  overrides: (owner: 'me' | 'all') => ['authority', 'overrides', owner] as const,
  frictionList: (view: FrictionView, status: string) => ['authority', 'friction', view, status] as const,
  ruleReport: (days: number) => ['authority', 'reports', 'rules', days] as const,
  agentReport: (days: number) => ['authority', 'reports', 'agents', days] as const,
};

export function useRules(enabled = true) {
  return useQuery({
    queryKey: authorityKeys.rules,
    queryFn: async ({ signal }) => (await get<{ items: Rule[] }>('/authority/rules', signal)).items,
    enabled,
  });
}

/** A rule with versions[] (its history) and the version number to send back in If-Match. */
export function useRule(id: string | null) {
  return useQuery({
    queryKey: authorityKeys.rule(id ?? ''),
    queryFn: async ({ signal }) => get<Rule>(`/authority/rules/${id}`, signal),
    enabled: id !== null,
  });
}

export function useCreateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: RuleInput) =>
      (await request<Rule>('/authority/rules', { method: 'POST', body: input })).data,
    onSuccess: () => void client.invalidateQueries({ queryKey: authorityKeys.rules }),
  });
}

/** Saves a new version; `version` is the one the editor started from (If-Match), so a stale edit is a 409. */
export function useEditRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, change }: { id: string; version: number; change: RuleChange }) =>
      (await request<Rule>(`/authority/rules/${id}`, { method: 'PATCH', body: change, ifMatch: version }))
        .data,
    onSuccess: (rule) => {
      client.setQueryData(authorityKeys.rule(rule.id), rule);
      void client.invalidateQueries({ queryKey: authorityKeys.rules });
    },
  });
}

export function useAddActionType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ActionTypeInput) =>
      (await request<ActionType>('/authority/catalogue', { method: 'POST', body: input })).data,
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.catalogue }),
  });
}

export function useOverrides(owner: 'me' | 'all', enabled = true) {
  return useQuery({
    queryKey: authorityKeys.overrides(owner),
    queryFn: async ({ signal }) =>
      (await get<{ items: Override[] }>(`/authority/overrides?owner=${owner}`, signal)).items,
    enabled,
  });
}

export function useAcknowledgeOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await request<Override>(`/authority/overrides/${id}/acknowledge`, { method: 'POST' })).data,
    onSettled: () => void client.invalidateQueries({ queryKey: ['authority', 'overrides'] }),
  });
}

/**
 * Friction reports on my rules (owner), raised by me (mine), or every report (all), optionally on
 * one rule; status '' = any.
 */
export function useFrictionReports(
  view: FrictionView,
  status: '' | 'open' | 'answered' | 'withdrawn',
  ruleId?: string,
) {
  const params = new URLSearchParams();
  if (view === 'owner') params.set('owner', 'me');
  if (view === 'mine') params.set('mine', 'true');
  if (ruleId) params.set('rule', ruleId);
  if (status) params.set('status', status);
  const query = params.toString();
  return useQuery({
    queryKey: [...authorityKeys.frictionList(view, status), ruleId ?? ''],
    queryFn: async ({ signal }) =>
      (await get<{ items: FrictionReportDetail[] }>(`/authority/friction${query ? `?${query}` : ''}`, signal))
        .items,
  });
}

export function useWithdrawFriction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await request<FrictionReportDetail>(`/authority/friction/${id}/withdraw`, { method: 'POST' })).data,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.friction }),
  });
}

export function useRuleReport(days: number, enabled = true) {
  return useQuery({
    queryKey: authorityKeys.ruleReport(days),
    queryFn: async ({ signal }) =>
      get<Report<RuleReportRow>>(`/authority/reports/rules?days=${days}`, signal),
    enabled,
  });
}

export function useAgentReport(days: number, enabled = true) {
  return useQuery({
    queryKey: authorityKeys.agentReport(days),
    queryFn: async ({ signal }) =>
      get<Report<AgentReportRow>>(`/authority/reports/agents?days=${days}`, signal),
    enabled,
  });
}
