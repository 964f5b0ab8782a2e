import type { Rule, RuleConditions, RuleLimits, RuleScope, RuleVersion } from '../../api/authority.ts';
import type { TeamRouting } from '../../api/standards.ts';
import type { Agent, Site } from '../../api/types.ts';

/** Names for the ids a rule's scope holds: agents, sites, and teams (by name, from GET /teams). */
export interface Directory {
  agents: Map<string, Agent>;
  sites: Map<string, Site>;
  teams: Map<string, string>;
}

export function directoryFrom(
  agents: Agent[] | undefined,
  sites: Site[] | undefined,
  teamList?: Pick<TeamRouting, 'id' | 'name' | 'siteId'>[] | undefined,
): Directory {
  const siteMap = new Map((sites ?? []).map((s) => [s.id, s]));
  const teams = new Map<string, string>();
  // Two sites may each have a "Front desk": the site's code tells them apart.
  const named = new Map<string, number>();
  for (const t of teamList ?? []) named.set(t.name, (named.get(t.name) ?? 0) + 1);
  for (const t of teamList ?? []) {
    const code = t.siteId ? siteMap.get(t.siteId)?.code : undefined;
    teams.set(t.id, (named.get(t.name) ?? 0) > 1 && code ? `${t.name} (${code})` : t.name);
  }
  // A team the list does not name (not loaded yet, or not readable) is named by its members.
  const members = new Map<string, string[]>();
  for (const a of agents ?? []) {
    if (!a.teamId || a.kind !== 'person' || teams.has(a.teamId)) continue;
    members.set(a.teamId, [...(members.get(a.teamId) ?? []), a.name]);
  }
  for (const [id, names] of members) {
    const shown = names.slice(0, 2).join(', ');
    teams.set(id, `Team of ${shown}${names.length > 2 ? ` +${names.length - 2}` : ''}`);
  }
  return {
    agents: new Map((agents ?? []).map((a) => [a.id, a])),
    sites: siteMap,
    teams,
  };
}

const short = (id: string) => id.slice(0, 8);

export function describeScope(scope: RuleScope, dir: Directory): string {
  const parts: string[] = [];
  if (scope.agentId) parts.push(dir.agents.get(scope.agentId)?.name ?? `agent ${short(scope.agentId)}`);
  if (scope.role) parts.push(`${scope.role}s`);
  if (scope.teamId) parts.push(dir.teams.get(scope.teamId) ?? `team ${short(scope.teamId)}`);
  if (scope.siteId) {
    const site = dir.sites.get(scope.siteId);
    parts.push(site ? `at ${site.name}` : `site ${short(scope.siteId)}`);
  }
  return parts.length ? parts.join(' · ') : 'Everyone';
}

/** Each limit as a phrase: "50.00 EUR per action", "100.00 EUR per customer in 30 days". */
export function describeLimits(limits: RuleLimits): string[] {
  const out: string[] = [];
  if (limits.perAction) out.push(`${limits.perAction.formatted} per action`);
  const c = limits.perCustomer;
  if (c) {
    const caps = [c.maxAmount?.formatted, c.maxActions !== undefined ? `${c.maxActions} actions` : undefined];
    const what = caps.filter(Boolean).join(' and ') || 'no cap';
    out.push(`${what} per customer in ${c.periodDays} days`);
  }
  const d = limits.perAgentDay;
  if (d) {
    const caps = [d.maxAmount?.formatted, d.maxActions !== undefined ? `${d.maxActions} actions` : undefined];
    out.push(`${caps.filter(Boolean).join(' and ') || 'no cap'} per agent per day`);
  }
  return out;
}

export function describeConditions(c: RuleConditions): string[] {
  const out: string[] = [];
  if (c.tiers?.length) out.push(`tier ${c.tiers.join(' or ')}`);
  if (c.minLifetimeValue) out.push(`lifetime value at least ${c.minLifetimeValue.formatted}`);
  if (c.minTenureDays !== undefined) out.push(`customer for at least ${c.minTenureDays} days`);
  if (c.maxOpenProblems !== undefined) out.push(`at most ${c.maxOpenProblems} open problems`);
  if (c.receiptOnFile !== undefined) out.push(c.receiptOnFile ? 'receipt on file' : 'no receipt on file');
  if (c.underWarranty !== undefined) out.push(c.underWarranty ? 'under warranty' : 'out of warranty');
  return out;
}

export function describeApproval(rule: Pick<RuleVersion, 'approval' | 'owner'>): string {
  const a = rule.approval;
  switch (a.by) {
    case 'owner':
      return `the owner (${rule.owner.name})`;
    case 'role':
      return `any ${a.role}`;
    case 'person':
      return a.person.name;
    case 'none':
      return 'nobody: over the limit is denied';
  }
}

export function describeOverride(rule: Pick<RuleVersion, 'override'>): string {
  return rule.override.allowed ? `by ${rule.override.roles.join(', ') || 'nobody'}` : 'not allowed';
}

/** In force now, scheduled (a later version takes effect), or not in force at all. */
export function ruleStatus(rule: Rule, now = Date.now()): { label: string; color: string } {
  if (rule.inForce && rule.inForceVersion === rule.version) return { label: 'in force', color: 'teal' };
  if (rule.inForce) return { label: `v${rule.inForceVersion} in force`, color: 'teal' };
  if (Date.parse(rule.effectiveFrom) > now) return { label: 'scheduled', color: 'blue' };
  return { label: 'ended', color: 'gray' };
}

/** What one version changed against the one before, field by field, in words. */
export function describeChanges(
  prev: RuleVersion | undefined,
  next: RuleVersion,
  dir: Directory,
  when: (iso: string) => string = (iso) => iso,
): string[] {
  if (!prev) return ['Created'];
  const out: string[] = [];
  const diff = (label: string, a: string, b: string) => {
    if (a !== b) out.push(`${label}: ${a || '—'} → ${b || '—'}`);
  };
  diff('Name', prev.name, next.name);
  diff('Scope', describeScope(prev.scope, dir), describeScope(next.scope, dir));
  diff('Limits', describeLimits(prev.limits).join('; '), describeLimits(next.limits).join('; '));
  diff(
    'Conditions',
    describeConditions(prev.conditions).join('; '),
    describeConditions(next.conditions).join('; '),
  );
  diff('Owner', prev.owner.name, next.owner.name);
  diff('Rationale', prev.rationale, next.rationale);
  diff('Approval', describeApproval(prev), describeApproval(next));
  diff('Override', describeOverride(prev), describeOverride(next));
  // Every version starts on its own date (shown beside it); only a changed end is a change.
  diff(
    'Ends',
    prev.effectiveTo ? when(prev.effectiveTo) : 'never',
    next.effectiveTo ? when(next.effectiveTo) : 'never',
  );
  return out.length ? out : ['No change to the rule itself'];
}
