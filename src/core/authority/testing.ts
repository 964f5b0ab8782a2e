/** Builders for tests and benchmarks: every field has a sensible default, override what matters. */
import type { ActionRequest } from './catalogue.ts';
import type { AuthorityContext } from './decision.ts';
import { defaultCatalogue } from './default-catalogue.ts';
import { parseMoney } from './money.ts';
import type { AgentProfile, CustomerSituation, PersonRef } from './people.ts';
import type { AuthorityRule } from './rules.ts';
import { NO_USAGE } from './usage.ts';

export const headOfService: PersonRef = { id: 'p-head', name: 'Hana Okafor' };
export const dana: PersonRef = { id: 'p-dana', name: 'Dana Smith' };
export const catalogue = defaultCatalogue(headOfService);

export const eur = parseMoney;

export function buildAgent(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id: 'a-alice',
    name: 'Alice Martin',
    role: 'agent',
    teamId: 't-billing',
    siteId: 's-lyon',
    timeZone: 'Europe/Paris',
    ...overrides,
  };
}

export function buildCustomer(overrides: Partial<CustomerSituation> = {}): CustomerSituation {
  return {
    id: 'c-1',
    tier: 'standard',
    lifetimeValue: eur('400.00 EUR'),
    customerSince: new Date('2024-01-01T00:00:00Z'),
    openProblems: 0,
    receiptOnFile: true,
    underWarranty: false,
    ...overrides,
  };
}

export function buildRule(overrides: Partial<AuthorityRule> = {}): AuthorityRule {
  return {
    id: 'r-goodwill-agents',
    version: 1,
    name: 'Goodwill credit for agents',
    actionType: 'goodwill_credit',
    scope: { role: 'agent' },
    limits: { perAction: eur('50.00 EUR') },
    conditions: {},
    owner: dana,
    rationale: 'Small gestures fix most complaints faster than a follow-up contact would.',
    effectiveFrom: new Date('2026-01-01T00:00:00Z'),
    effectiveTo: null,
    override: { allowed: true, roles: ['lead', 'manager'] },
    approval: { by: 'owner' },
    editedBy: dana,
    editReason: 'First version',
    editedAt: new Date('2025-12-15T09:00:00Z'),
    ...overrides,
  };
}

export function buildContext(overrides: Partial<AuthorityContext> = {}): AuthorityContext {
  return {
    agent: buildAgent(),
    customer: buildCustomer(),
    catalogue,
    rules: [buildRule()],
    usage: NO_USAGE,
    ...overrides,
  };
}

export function credit(amount: string, overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    actionType: 'goodwill_credit',
    customerId: 'c-1',
    caseId: 'case-1',
    params: { amount, reason: 'Late delivery' },
    ...overrides,
  };
}
