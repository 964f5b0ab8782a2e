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
    })
  | (DecisionBase & {
      outcome: 'denied';
      cause: 'no_rule' | 'conditions_not_met' | 'over_limit_no_approval';
      owner: PersonRef | null;
      rationale: string;
      limit: LimitState | null;
      overridable: boolean;
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
