export const ROLES = ['admin', 'manager', 'lead', 'agent', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a person or an integration, always named so the audit trail reads plainly. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  kind: 'person' | 'integration';
}

export const ABILITIES = [
  'message.ingest',
  'case.read',
  'case.update',
  'case.reply',
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.merge',
  'customer.unmerge',
  'search.read',
  'audit.read',
  'token.create',
  'directory.read',
  'authority.act',
  'authority.flag',
  'authority.approve',
  'authority.override',
  'authority.manage_rules',
  'authority.report',
  'case.transfer',
  'standards.manage',
  'standards.report',
  'reasoning.suggest',
  'reasoning.configure',
  'case.rate',
] as const;
export type Ability = (typeof ABILITIES)[number];

const staff: Ability[] = [
  'case.read',
  'case.update',
  'case.reply',
  'customer.read',
  'customer.create',
  'customer.update',
  'search.read',
  'directory.read',
  'case.transfer',
  'reasoning.suggest',
  // Record the satisfaction rating a customer gave (by phone, at the counter); surveys post as ingest.
  'case.rate',
];

/** Leads and managers supervise: they merge records, read the audit trail and approve or override. */
const supervisor: Ability[] = [
  ...staff,
  'customer.merge',
  'audit.read',
  'message.ingest',
  'authority.act',
  'authority.flag',
  'authority.approve',
  'authority.override',
  'standards.report',
];

const grants: Record<Role, readonly Ability[]> = {
  ingest: ['message.ingest', 'case.rate'],
  agent: [...staff, 'authority.act', 'authority.flag'],
  lead: supervisor,
  manager: [...supervisor, 'authority.report', 'standards.manage'],
  admin: ABILITIES,
};

export function can(role: Role, ability: Ability): boolean {
  return grants[role].includes(ability);
}

/** The map the console receives so it shows only what the user may do, without re-implementing rules. */
export function abilitiesOf(role: Role): Record<Ability, boolean> {
  return Object.fromEntries(ABILITIES.map((a) => [a, can(role, a)])) as Record<Ability, boolean>;
}

/** The operator at the command line (seed, token create): recorded as such in the audit trail. */
export const CLI_OPERATOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'casebook CLI',
  role: 'admin',
  kind: 'integration',
};
