import type { CaseChecklist } from '../../commands/standards/checklist.ts';
import type { CaseSlaView } from '../../commands/standards/get-case-sla.ts';
import type { OwnershipDecision, SlaTargetState } from '../../core/standards/index.ts';
import type {
  SiteCalendar,
  StoredAvailability,
  StoredEscalationPolicy,
  StoredRoutingRule,
  StoredSlaPolicy,
} from '../../db/repositories/standards.ts';
import type { SlaInboxItem, StoredHandover } from '../../db/repositories/standards-cases.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentSiteHours(c: SiteCalendar) {
  return {
    siteId: c.id,
    timeZone: c.timeZone,
    configured: c.configured,
    mode: c.mode,
    weeklyHours: c.weeklyHours,
    holidays: c.holidays,
    specialHours: c.specialHours ?? {},
    version: c.version,
  };
}

export function presentSlaPolicy(p: StoredSlaPolicy) {
  return {
    id: p.id,
    name: p.name,
    conditions: p.conditions,
    targets: p.targets,
    hours: p.hours,
    atRisk: p.atRisk,
    pauseWhilePending: p.pauseWhilePending,
    escalationPolicyId: p.escalationPolicyId,
    active: p.active,
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

export function presentEscalationPolicy(p: StoredEscalationPolicy) {
  return { id: p.id, name: p.name, levels: p.levels, active: p.active, version: p.version };
}

export function presentRoutingRule(r: StoredRoutingRule) {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    teamId: r.teamId,
    conditions: r.conditions,
    skills: r.skills ?? [],
    allowLastAgentOutsideTeam: r.allowLastAgentOutsideTeam ?? false,
    active: r.active,
  };
}

export function presentAvailability(a: StoredAvailability) {
  return {
    agentId: a.agentId,
    online: a.online,
    maxOpenCases: a.maxOpenCases,
    skills: a.skills,
    languages: a.languages,
    updatedAt: a.updatedAt,
  };
}

function presentTarget(t: SlaTargetState) {
  return {
    metric: t.metric,
    status: t.status,
    targetMs: t.targetMs,
    startedAt: iso(t.startedAt),
    dueAt: iso(t.dueAt),
    elapsedMs: t.elapsedMs,
    timeLeftMs: t.timeLeftMs,
    atRisk: t.status === 'at_risk',
    breached: t.status === 'breached',
    paused: t.paused,
    metAt: iso(t.metAt),
    ownerAtDue: t.ownerAtDue,
  };
}

export function presentCaseSla(v: CaseSlaView) {
  return {
    caseId: v.caseId,
    policy: v.policy
      ? { id: v.policy.id, name: v.policy.name, version: v.policy.version, hours: v.policy.hours }
      : null,
    computedAt: v.state ? iso(v.state.computedAt) : null,
    targets: v.state?.targets.map(presentTarget) ?? [],
    humanRequestedAt: iso(v.humanRequestedAt),
    breaches: v.breaches,
    escalations: v.escalations,
  };
}

export function presentSlaInboxItem(i: SlaInboxItem, now: Date) {
  return {
    caseId: i.caseId,
    number: i.number,
    subject: i.subject,
    status: i.status,
    priority: i.priority,
    siteId: i.siteId,
    teamId: i.teamId,
    ownerId: i.ownerId,
    sla: {
      status: i.slaStatus,
      dueAt: i.nextDueAt,
      /** Calendar ms to the deadline (business time left is on GET /cases/:id/sla). */
      msToDue: i.nextDueAt ? i.nextDueAt.getTime() - now.getTime() : null,
      paused: i.paused,
      computedAt: i.computedAt,
    },
  };
}

export function presentHandover(h: StoredHandover) {
  return {
    id: h.id,
    caseId: h.caseId,
    from: h.from,
    to: h.to,
    requestedBy: h.requestedBy,
    requestedAt: iso(h.requestedAt),
    reason: h.reason,
    status: h.status,
  };
}

export function presentOwnership(d: OwnershipDecision & { version: number }) {
  return {
    caseId: d.caseId,
    kind: d.kind,
    from: d.from,
    to: d.to,
    by: d.by,
    acceptedBy: d.acceptedBy,
    reason: d.reason,
    at: iso(d.at),
    version: d.version,
  };
}

export function presentChecklist(c: CaseChecklist) {
  const latest = new Map(c.marks.map((m) => [m.itemId, m]));
  return {
    caseId: c.caseId,
    standard: c.standard
      ? { id: c.standard.id, category: c.standard.category, version: c.standard.version }
      : null,
    items:
      c.standard?.items.map((i) => {
        const m = latest.get(i.id);
        return {
          id: i.id,
          label: i.label,
          required: i.required,
          channels: i.channels ?? null,
          state: m && m.state !== 'cleared' ? m.state : null,
          by: m?.by ?? null,
          at: m ? iso(m.at) : null,
        };
      }) ?? [],
    result: c.result,
  };
}
