import type { SlaMetric, SlaPolicy, SlaPolicyInput } from '../../api/standards.ts';
import { SLA_METRICS } from '../../api/standards.ts';

/** The SLA policy form's state: targets and margins in minutes and percent, as people type them. */
export interface SlaDraft {
  name: string;
  priority: string[];
  channel: string[];
  siteId: string[];
  customerTier: string[];
  targets: Record<SlaMetric, number | ''>;
  hours: 'business' | 'calendar';
  atRiskPct: number | '';
  atRiskMinutes: number | '';
  pauseWhilePending: boolean;
  escalationPolicyId: string;
  active: boolean;
}

const MIN = 60_000;
const MAX_MINUTES = 365 * 24 * 60;

export function emptySlaDraft(): SlaDraft {
  return {
    name: '',
    priority: [],
    channel: [],
    siteId: [],
    customerTier: [],
    targets: { first_response: '', next_response: '', resolution: '' },
    hours: 'business',
    atRiskPct: 20,
    atRiskMinutes: '',
    pauseWhilePending: true,
    escalationPolicyId: '',
    active: true,
  };
}

export function slaDraftFrom(p: SlaPolicy): SlaDraft {
  const minutes = (ms: number | undefined) => (ms === undefined ? '' : Math.round(ms / MIN));
  const noMargin = p.atRisk.fraction === undefined && p.atRisk.withinMs === undefined;
  return {
    name: p.name,
    priority: p.conditions.priority ?? [],
    channel: p.conditions.channel ?? [],
    siteId: p.conditions.siteId ?? [],
    customerTier: p.conditions.customerTier ?? [],
    targets: {
      first_response: minutes(p.targets.first_response),
      next_response: minutes(p.targets.next_response),
      resolution: minutes(p.targets.resolution),
    },
    hours: p.hours,
    atRiskPct: noMargin
      ? 20
      : p.atRisk.fraction === undefined
        ? ''
        : Math.round(p.atRisk.fraction * 1000) / 10,
    atRiskMinutes: p.atRisk.withinMs === undefined ? '' : Math.round(p.atRisk.withinMs / MIN),
    pauseWhilePending: p.pauseWhilePending,
    escalationPolicyId: p.escalationPolicyId ?? '',
    active: p.active,
  };
}

export type SlaErrors = Partial<
  Record<'name' | 'targets' | SlaMetric | 'atRiskPct' | 'atRiskMinutes', string>
>;

export function validateSla(d: SlaDraft): SlaErrors {
  const errors: SlaErrors = {};
  if (!d.name.trim()) errors.name = 'Give the policy a name';
  else if (d.name.trim().length > 200) errors.name = 'At most 200 characters';
  let any = false;
  for (const m of SLA_METRICS) {
    const v = d.targets[m];
    if (v === '') continue;
    any = true;
    if (!Number.isInteger(v) || v <= 0) errors[m] = 'A whole number of minutes, more than 0';
    else if (v > MAX_MINUTES) errors[m] = 'At most 365 days';
  }
  if (!any) errors.targets = 'Set at least one target';
  if (d.atRiskPct !== '' && !(d.atRiskPct >= 0 && d.atRiskPct <= 100)) errors.atRiskPct = 'Between 0 and 100';
  if (d.atRiskMinutes !== '' && !(Number.isInteger(d.atRiskMinutes) && d.atRiskMinutes >= 0))
    errors.atRiskMinutes = 'A whole number of minutes';
  return errors;
}

export function toSlaInput(d: SlaDraft): SlaPolicyInput {
  const conditions: SlaPolicyInput['conditions'] = {};
  if (d.priority.length) conditions.priority = d.priority;
  if (d.channel.length) conditions.channel = d.channel;
  if (d.siteId.length) conditions.siteId = d.siteId;
  if (d.customerTier.length) conditions.customerTier = d.customerTier;
  const targets: SlaPolicyInput['targets'] = {};
  for (const m of SLA_METRICS) {
    const v = d.targets[m];
    if (v !== '') targets[m] = v * MIN;
  }
  const atRisk: SlaPolicyInput['atRisk'] = {};
  if (d.atRiskPct !== '') atRisk.fraction = d.atRiskPct / 100;
  if (d.atRiskMinutes !== '') atRisk.withinMs = d.atRiskMinutes * MIN;
  return {
    name: d.name.trim(),
    conditions,
    targets,
    hours: d.hours,
    atRisk,
    pauseWhilePending: d.pauseWhilePending,
    escalationPolicyId: d.escalationPolicyId || null,
    active: d.active,
  };
}
