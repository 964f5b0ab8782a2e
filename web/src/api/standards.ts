import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, type RequestOptions, request } from './client.ts';
import { keys } from './keys.ts';
import type { Site } from './types.ts';

export type SlaStatus = 'ok' | 'at_risk' | 'breached' | 'met';

export interface SlaTarget {
  metric: 'first_response' | 'next_response' | 'resolution' | string;
  status: SlaStatus;
  targetMs: number;
  startedAt: string | null;
  dueAt: string | null;
  elapsedMs: number;
  timeLeftMs: number;
  atRisk: boolean;
  breached: boolean;
  paused: boolean;
  metAt: string | null;
}

export interface CaseSla {
  caseId: string;
  policy: { id: string; name: string; version: number; hours: string } | null;
  computedAt: string | null;
  targets: SlaTarget[];
}

export interface SlaCaseItem {
  caseId: string;
  sla: {
    status: SlaStatus | 'none' | null;
    dueAt: string | null;
    msToDue: number | null;
    paused: boolean;
    computedAt: string | null;
  };
}

export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
  state: 'done' | 'not_applicable' | null;
}

export interface Checklist {
  caseId: string;
  standard: { id: string; category: string; version: number } | null;
  items: ChecklistItem[];
  result: { complete: boolean; missed: string[] } | null;
}

export function useCaseSla(caseId: string, enabled = true) {
  return useQuery({
    queryKey: keys.caseSla(caseId),
    queryFn: ({ signal }) => get<CaseSla>(`/cases/${caseId}/sla`, signal),
    enabled,
    // Time left moves on its own; refresh it every minute while the case is open.
    refetchInterval: 60_000,
  });
}

/** Time left per open case, to show beside the inbox rows (as of the server's last sweep). */
export function useSlaCases(enabled = true) {
  return useQuery({
    queryKey: keys.slaCases,
    queryFn: async ({ signal }) =>
      (await get<{ items?: SlaCaseItem[] }>('/sla/cases?limit=500', signal)).items ?? [],
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
    select: (items) => new Map(items.map((i) => [i.caseId, i.sla])),
  });
}

export function useChecklist(caseId: string, enabled = true) {
  return useQuery({
    queryKey: keys.checklist(caseId),
    queryFn: ({ signal }) => get<Checklist>(`/cases/${caseId}/checklist`, signal),
    enabled,
  });
}

export function useMarkChecklist(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, state }: { item: string; state: 'done' | 'not_applicable' | 'cleared' }) =>
      (
        await request<Checklist>(`/cases/${caseId}/checklist/${encodeURIComponent(item)}`, {
          method: 'POST',
          body: { state },
        })
      ).data,
    onSuccess: (checklist) => client.setQueryData(keys.checklist(caseId), checklist),
  });
}

// --- Configuration screens (#/standards) ---------------------------------------------------------

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export interface OpeningInterval {
  start: string;
  end: string;
}

export interface SiteHours {
  siteId: string;
  timeZone: string;
  /** False while the site runs on the 24×7 default (nothing stored yet). */
  configured: boolean;
  mode: 'business' | 'always_open';
  weeklyHours: Partial<Record<Weekday, OpeningInterval[]>>;
  holidays: string[];
  specialHours: Record<string, OpeningInterval[]>;
  version: number;
}

export type SiteHoursInput = Pick<SiteHours, 'mode' | 'weeklyHours' | 'holidays' | 'specialHours'>;

export interface SlaConditions {
  customerTier?: string[];
  priority?: string[];
  siteId?: string[];
  channel?: string[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  conditions: SlaConditions;
  targets: Partial<Record<SlaMetric, number>>;
  hours: 'business' | 'calendar';
  atRisk: { fraction?: number; withinMs?: number };
  pauseWhilePending: boolean;
  escalationPolicyId: string | null;
  active: boolean;
  version: number;
  updatedAt?: string;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'version' | 'updatedAt'>;

export type EscalationAction =
  | { kind: 'notify'; role: 'owner' | 'lead' | 'manager' }
  | { kind: 'reassign'; to: 'team_queue' | 'lead' };

export interface EscalationLevel {
  level: number;
  trigger: 'at_risk' | 'breached';
  afterMs?: number;
  metrics?: SlaMetric[];
  actions: EscalationAction[];
}

export interface EscalationPolicy {
  id: string;
  name: string;
  levels: EscalationLevel[];
  active: boolean;
  version: number;
}

export type EscalationPolicyInput = Pick<EscalationPolicy, 'name' | 'levels' | 'active'>;

export interface RoutingConditions {
  siteId?: string[];
  channel?: string[];
  category?: string[];
  language?: string[];
  customerTier?: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  teamId: string;
  conditions: RoutingConditions;
  skills: string[];
  allowLastAgentOutsideTeam: boolean;
  active: boolean;
}

export type RoutingRuleInput = Omit<RoutingRule, 'id'>;

export interface TeamRouting {
  id: string;
  name: string;
  siteId: string | null;
  strategy: 'round_robin' | 'least_loaded';
  memberIds: string[];
}

export interface Availability {
  agentId: string;
  online: boolean;
  maxOpenCases: number;
  skills: string[];
  languages: string[];
  updatedAt: string | null;
}

export interface InteractionStandardItem {
  id: string;
  label: string;
  required: boolean;
  channels?: string[] | null;
}

export interface InteractionStandard {
  id: string;
  category: string;
  items: InteractionStandardItem[];
  version: number;
}

export interface AttainmentRow {
  key: string;
  met: number;
  breached: number;
  open: number;
  metPct: number | null;
  medianFirstResponseMs: number | null;
}

export interface AttainmentReport {
  cases: number;
  overall: AttainmentRow;
  bySite: AttainmentRow[];
  byTeam: AttainmentRow[];
  byChannel: AttainmentRow[];
  byPriority: AttainmentRow[];
}

export const standardsKeys = {
  all: ['standards'] as const,
  siteHours: (siteId: string) => ['standards', 'hours', siteId] as const,
  slaPolicies: ['standards', 'sla-policies'] as const,
  escalationPolicies: ['standards', 'escalation-policies'] as const,
  routingRules: ['standards', 'routing-rules'] as const,
  teams: ['standards', 'teams'] as const,
  availability: (agentId: string) => ['standards', 'availability', agentId] as const,
  interactionStandards: ['standards', 'interaction-standards'] as const,
  attainment: (params: string) => ['standards', 'attainment', params] as const,
};

type Method = NonNullable<RequestOptions['method']>;
/** The client's method list predates PUT; `request` hands the method to fetch as it is. */
const PUT = 'PUT' as string as Method;

const items = async <T>(path: string, signal: AbortSignal) => (await get<{ items: T[] }>(path, signal)).items;

export function useSiteHours(siteId: string | null) {
  return useQuery({
    queryKey: standardsKeys.siteHours(siteId ?? ''),
    queryFn: ({ signal }) => get<SiteHours>(`/sites/${siteId}/hours`, signal),
    enabled: siteId !== null,
  });
}

export function useSaveSiteHours(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SiteHoursInput) =>
      (await request<SiteHours>(`/sites/${siteId}/hours`, { method: PUT, body: input })).data,
    onSuccess: (hours) => client.setQueryData(standardsKeys.siteHours(siteId), hours),
  });
}

/** A new site: code (stored upper-case, unique in any case), name and IANA time zone. */
export function useCreateSite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: Pick<Site, 'code' | 'name' | 'timeZone'>) =>
      (await request<Site>('/sites', { method: 'POST', body: input })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sites }),
  });
}

/** Renames a site or moves it to another time zone (its hours are then read in the new zone). */
export function useUpdateSite(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (patch: Partial<Pick<Site, 'name' | 'timeZone'>>) =>
      (await request<Site>(`/sites/${siteId}`, { method: 'PATCH', body: patch })).data,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.sites }),
        client.invalidateQueries({ queryKey: standardsKeys.siteHours(siteId) }),
      ]),
  });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: standardsKeys.slaPolicies,
    queryFn: ({ signal }) => items<SlaPolicy>('/sla-policies', signal),
  });
}

/** Creates a policy (no id) or replaces one as a new version (If-Match: the version edited). */
export function useSaveSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, input }: { id?: string; version?: number; input: SlaPolicyInput }) => {
      if (!id) {
        const { active: _active, ...body } = input;
        return (await request<SlaPolicy>('/sla-policies', { method: 'POST', body })).data;
      }
      return (
        await request<SlaPolicy>(`/sla-policies/${id}`, {
          method: PUT,
          body: input,
          ...(version !== undefined ? { ifMatch: version } : {}),
        })
      ).data;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.slaPolicies }),
  });
}

export function useEscalationPolicies() {
  return useQuery({
    queryKey: standardsKeys.escalationPolicies,
    queryFn: ({ signal }) => items<EscalationPolicy>('/escalation-policies', signal),
  });
}

export function useSaveEscalationPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      version,
      input,
    }: {
      id?: string;
      version?: number;
      input: EscalationPolicyInput;
    }) =>
      (
        await request<EscalationPolicy>(id ? `/escalation-policies/${id}` : '/escalation-policies', {
          method: id ? PUT : 'POST',
          body: input,
          ...(id && version !== undefined ? { ifMatch: version } : {}),
        })
      ).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.escalationPolicies }),
  });
}

export function useRoutingRules() {
  return useQuery({
    queryKey: standardsKeys.routingRules,
    queryFn: ({ signal }) => items<RoutingRule>('/routing-rules', signal),
  });
}

export function useSaveRoutingRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id?: string; input: RoutingRuleInput }) =>
      (
        await request<RoutingRule>(id ? `/routing-rules/${id}` : '/routing-rules', {
          method: id ? PUT : 'POST',
          body: input,
        })
      ).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.routingRules }),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: standardsKeys.teams,
    queryFn: ({ signal }) => items<TeamRouting>('/teams', signal),
    staleTime: 60_000,
  });
}

export type TeamInput = Pick<TeamRouting, 'name' | 'siteId'>;

/** A new team, at a site or none. */
export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: TeamInput) =>
      (await request<TeamInput & { id: string }>('/teams', { method: 'POST', body: input })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.teams }),
  });
}

/** Renames a team or moves it to another site. */
export function useUpdateTeam(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (patch: Partial<TeamInput>) =>
      (await request<TeamInput & { id: string }>(`/teams/${teamId}`, { method: 'PATCH', body: patch })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.teams }),
  });
}

export function useSaveTeamRouting(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: Pick<TeamRouting, 'strategy' | 'memberIds'>) =>
      (
        await request<Omit<TeamRouting, 'name' | 'siteId'>>(`/teams/${teamId}/routing`, {
          method: PUT,
          body: input,
        })
      ).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.teams }),
  });
}

/** Each listed agent's capacity and presence (one request per agent; a team has a handful). */
export function useAvailabilities(agentIds: readonly string[]) {
  return useQueries({
    queries: agentIds.map((id) => ({
      queryKey: standardsKeys.availability(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        get<Availability>(`/agents/${id}/availability`, signal),
    })),
  });
}

export function useSaveAvailability(agentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      patch: Partial<Pick<Availability, 'online' | 'maxOpenCases' | 'skills' | 'languages'>>,
    ) => (await request<Availability>(`/agents/${agentId}/availability`, { method: PUT, body: patch })).data,
    onSuccess: (a) => client.setQueryData(standardsKeys.availability(agentId), a),
  });
}

export function useInteractionStandards() {
  return useQuery({
    queryKey: standardsKeys.interactionStandards,
    queryFn: ({ signal }) => items<InteractionStandard>('/interaction-standards', signal),
  });
}

export function useSaveInteractionStandard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ category, items: list }: { category: string; items: InteractionStandardItem[] }) =>
      (
        await request<InteractionStandard>(`/interaction-standards/${encodeURIComponent(category)}`, {
          method: PUT,
          body: { items: list },
        })
      ).data,
    onSuccess: () => client.invalidateQueries({ queryKey: standardsKeys.interactionStandards }),
  });
}

/** SLA attainment over the cases created in [from, to) (ISO instants); `metric` narrows to one target. */
export function useSlaAttainment(
  params: { from: string; to: string; metric?: SlaMetric | undefined },
  enabled = true,
) {
  const search = new URLSearchParams({ from: params.from, to: params.to });
  if (params.metric) search.set('metric', params.metric);
  const query = search.toString();
  return useQuery({
    queryKey: standardsKeys.attainment(query),
    queryFn: ({ signal }) => get<AttainmentReport>(`/reports/sla-attainment?${query}`, signal),
    enabled,
  });
}
