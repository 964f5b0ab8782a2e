import type { ActionType, Rule, RuleVersion } from '../../api/authority.ts';
import type { Agent } from '../../api/types.ts';
import { testSession } from '../../test/render.tsx';

export const ME = testSession.agent.id;
export const DANA = '22222222-2222-4222-8222-222222222222';
export const BOB = '33333333-3333-4333-8333-333333333333';

export const agents: Agent[] = [
  { ...testSession.profile!, id: ME },
  {
    id: DANA,
    kind: 'person',
    name: 'Dana Admin',
    email: 'dana@example.com',
    role: 'admin',
    teamId: null,
    siteId: null,
    timeZone: 'UTC',
    active: true,
  },
  {
    id: BOB,
    kind: 'person',
    name: 'Bob Colleague',
    email: 'bob@example.com',
    role: 'agent',
    teamId: 'team-1',
    siteId: 'site-1',
    timeZone: 'UTC',
    active: true,
  },
];

export const catalogue: ActionType[] = [
  {
    id: 'goodwill_credit',
    label: 'Goodwill credit',
    verb: 'credit',
    measure: 'money',
    params: [
      { name: 'amount', kind: 'money', required: true },
      { name: 'reason', kind: 'text', required: true },
    ],
    defaultOwner: { id: DANA, name: 'Dana Admin' },
  },
  {
    id: 'callback_promise',
    label: 'Callback promise',
    verb: 'promise',
    measure: 'count',
    params: [],
    defaultOwner: { id: DANA, name: 'Dana Admin' },
  },
];

const eur = (amountMinor: number) => ({
  amountMinor,
  currency: 'EUR',
  formatted: `${(amountMinor / 100).toFixed(2)} EUR`,
});

export const v1: RuleVersion = {
  id: 'r1',
  version: 1,
  name: 'Goodwill credit for agents',
  actionType: 'goodwill_credit',
  scope: { role: 'agent' },
  limits: { perAction: eur(5000), perCustomer: { periodDays: 30, maxAmount: eur(10000) } },
  conditions: {},
  owner: { id: DANA, name: 'Dana Admin' },
  rationale: 'Small gestures fix most complaints faster than a follow-up contact would.',
  effectiveFrom: '2026-11-01T00:00:00.000Z',
  effectiveTo: null,
  override: { allowed: true, roles: ['lead', 'manager'] },
  approval: { by: 'owner' },
  editedBy: { id: DANA, name: 'Dana Admin' },
  editReason: 'First version',
  editedAt: '2026-11-01T00:00:00.000Z',
};

export const v2: RuleVersion = {
  ...v1,
  version: 2,
  limits: { ...v1.limits, perAction: eur(7500) },
  editedBy: { id: ME, name: 'Alice Agent' },
  editReason: 'Friction reports: 50 EUR did not cover a lost parcel.',
  editedAt: '2026-11-20T10:00:00.000Z',
  effectiveFrom: '2026-11-20T10:00:00.000Z',
};

export const rule: Rule = { ...v2, inForce: true, inForceVersion: 2, versions: [v1, v2] };
export const listed: Rule = { ...v2, inForce: true, inForceVersion: 2 };

export const admin = {
  ...testSession,
  agent: { ...testSession.agent, role: 'admin' },
  abilities: {
    ...testSession.abilities,
    'authority.manage_rules': true,
    'authority.report': true,
    'authority.approve': true,
    'authority.flag': true,
  },
};

/** The reads every Rules tab makes, answered from the fixtures above. */
export function directoryRoutes(call: string) {
  if (call === 'GET /api/v1/agents') return { body: { items: agents } };
  if (call === 'GET /api/v1/sites')
    return { body: { items: [{ id: 'site-1', code: 'LON', name: 'London Store', timeZone: 'UTC' }] } };
  if (call === 'GET /api/v1/teams')
    return {
      body: {
        items: [
          { id: 'team-1', name: 'Front desk', siteId: 'site-1', strategy: 'round_robin', memberIds: [BOB] },
        ],
      },
    };
  if (call === 'GET /api/v1/authority/catalogue') return { body: { items: catalogue } };
  if (call.startsWith('GET /api/v1/authority/friction?rule=')) return { body: { items: [] } };
  return undefined;
}
