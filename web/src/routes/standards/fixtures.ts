import type {
  AttainmentReport,
  EscalationPolicy,
  SiteHours,
  SlaPolicy,
  TeamRouting,
} from '../../api/standards.ts';
import type { Site } from '../../api/types.ts';
import type { Session } from '../../session/SessionContext.tsx';
import { testSession } from '../../test/render.tsx';

export const SITE_ID = '5a000000-0000-4000-8000-000000000001';
export const TEAM_ID = '7e000000-0000-4000-8000-000000000001';

export const site: Site = { id: SITE_ID, code: 'LON', name: 'London Store', timeZone: 'Europe/London' };

const nineToFive = [{ start: '09:00', end: '17:00' }];
export const hours: SiteHours = {
  siteId: SITE_ID,
  timeZone: 'Europe/London',
  configured: true,
  mode: 'business',
  weeklyHours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-12-25'],
  specialHours: {},
  version: 3,
};

export const ladder: EscalationPolicy = {
  id: 'e1000000-0000-4000-8000-000000000001',
  name: 'Default ladder',
  active: true,
  version: 1,
  levels: [
    { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
    {
      level: 2,
      trigger: 'breached',
      afterMs: 4 * 3_600_000,
      actions: [
        { kind: 'notify', role: 'manager' },
        { kind: 'reassign', to: 'team_queue' },
      ],
    },
  ],
};

export const policy: SlaPolicy = {
  id: 'b1000000-0000-4000-8000-000000000001',
  name: 'Gold customers',
  conditions: { customerTier: ['gold'], priority: ['high', 'urgent'] },
  targets: { first_response: 3_600_000, resolution: 86_400_000 },
  hours: 'business',
  atRisk: { fraction: 0.25 },
  pauseWhilePending: true,
  escalationPolicyId: ladder.id,
  active: true,
  version: 2,
};

export const team: TeamRouting = {
  id: TEAM_ID,
  name: 'Front desk',
  siteId: SITE_ID,
  strategy: 'round_robin',
  memberIds: [],
};

const row = (key: string, met: number, breached: number, open: number) => ({
  key,
  met,
  breached,
  open,
  metPct: met + breached ? Math.round((met / (met + breached)) * 1000) / 10 : null,
  medianFirstResponseMs: 1_800_000,
});

export const report: AttainmentReport = {
  cases: 12,
  overall: row('all', 16, 4, 3),
  bySite: [row(SITE_ID, 16, 4, 3)],
  byTeam: [row(TEAM_ID, 10, 0, 1), row('(no team)', 6, 4, 2)],
  byChannel: [row('email', 9, 1, 2), row('in_person', 7, 3, 1)],
  byPriority: [row('urgent', 4, 4, 0), row('normal', 12, 0, 3)],
};

export const manager: Session = {
  ...testSession,
  agent: { ...testSession.agent, role: 'manager' },
  abilities: { ...testSession.abilities, 'standards.manage': true, 'standards.report': true },
};

export const lead: Session = {
  ...testSession,
  abilities: { ...testSession.abilities, 'standards.report': true },
};

/** The GETs every tab makes, answered from the fixtures above. */
export function directoryRoutes(call: string) {
  if (call === 'GET /api/v1/sites') return { body: { items: [site] } };
  if (call === 'GET /api/v1/agents') return { body: { items: [] } };
  if (call === 'GET /api/v1/teams') return { body: { items: [team] } };
  if (call === `GET /api/v1/sites/${SITE_ID}/hours`) return { body: hours };
  if (call === 'GET /api/v1/sla-policies') return { body: { items: [policy] } };
  if (call === 'GET /api/v1/escalation-policies') return { body: { items: [ladder] } };
  if (call === 'GET /api/v1/routing-rules')
    return {
      body: {
        items: [
          {
            id: 'r1',
            name: 'London email',
            position: 0,
            teamId: TEAM_ID,
            conditions: { siteId: [SITE_ID], channel: ['email'] },
            skills: [],
            allowLastAgentOutsideTeam: false,
            active: true,
          },
        ],
      },
    };
  if (call === 'GET /api/v1/interaction-standards')
    return {
      body: {
        items: [
          {
            id: 'i1',
            category: 'billing',
            version: 1,
            items: [{ id: 'verify', label: 'Verify identity', required: true }],
          },
        ],
      },
    };
  if (call.startsWith('GET /api/v1/reports/sla-attainment?')) return { body: report };
  return undefined;
}
