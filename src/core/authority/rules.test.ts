import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { type AuthorityRule, editRule, findRuleProblems, validateRule, versionInForce } from './rules.ts';
import { buildRule, catalogue, dana, eur } from './testing.ts';

const editor = { id: 'p-mia', name: 'Mia Laurent' };
const jan = new Date('2026-01-01T00:00:00Z');
const feb = new Date('2026-02-01T00:00:00Z');
const mar = new Date('2026-03-01T00:00:00Z');

function paths(rule: AuthorityRule): string[] {
  return findRuleProblems(rule, catalogue).map((p) => p.path);
}

describe('validateRule', () => {
  it('accepts a complete rule', () => {
    expect(validateRule(buildRule(), catalogue)).toEqual(buildRule());
  });

  it.each([
    ['an owner', buildRule({ owner: { id: '', name: '' } }), 'owner'],
    ['a rationale in plain words', buildRule({ rationale: 'because' }), 'rationale'],
    ['a known action type', buildRule({ actionType: 'teleport' }), 'actionType'],
    ['an end after its start', buildRule({ effectiveTo: jan }), 'effectiveTo'],
    [
      'a non-negative limit',
      buildRule({ limits: { perAction: { amountMinor: -1, currency: 'EUR' } } }),
      'limits.perAction',
    ],
    [
      'a plausible limit',
      buildRule({ limits: { perAction: { amountMinor: 10 ** 12, currency: 'EUR' } } }),
      'limits.perAction',
    ],
    [
      'limits in one currency',
      buildRule({ limits: { perAction: eur('5 EUR'), perAgentDay: { maxAmount: eur('50 USD') } } }),
      'limits',
    ],
    [
      'a period of at least a day',
      buildRule({ limits: { perCustomer: { periodDays: 0, maxActions: 1 } } }),
      'limits.perCustomer.periodDays',
    ],
    [
      'a period of at most a year',
      buildRule({ limits: { perCustomer: { periodDays: 400, maxActions: 1 } } }),
      'limits.perCustomer.periodDays',
    ],
    [
      'a per-customer amount or count',
      buildRule({ limits: { perCustomer: { periodDays: 30 } } }),
      'limits.perCustomer',
    ],
    [
      'whole action counts',
      buildRule({ limits: { perAgentDay: { maxActions: 1.5 } } }),
      'limits.perAgentDay.maxActions',
    ],
    [
      'a per-action limit the customer limit can hold',
      buildRule({
        limits: { perAction: eur('80 EUR'), perCustomer: { periodDays: 30, maxAmount: eur('50 EUR') } },
      }),
      'limits.perAction',
    ],
    [
      'counts, not amounts, for counted actions',
      buildRule({ actionType: 'callback_promise', limits: { perAction: eur('5 EUR') } }),
      'limits',
    ],
    [
      'override roles when overrides are allowed',
      buildRule({ override: { allowed: true, roles: [] } }),
      'override.roles',
    ],
    ['a named approving role', buildRule({ approval: { by: 'role', role: ' ' } }), 'approval.role'],
    ['a non-empty scope value', buildRule({ scope: { teamId: '' } }), 'scope.teamId'],
    ['at least one tier in a tier condition', buildRule({ conditions: { tiers: [] } }), 'conditions.tiers'],
    ['who made the version', buildRule({ editedBy: { id: '', name: '' } }), 'editedBy'],
    ['why the version was made', buildRule({ editReason: '' }), 'editReason'],
    ['only scope fields it understands', buildRule({ scope: { region: 'north' } as never }), 'scope.region'],
    ['only conditions it understands', buildRule({ conditions: { vip: true } as never }), 'conditions.vip'],
    ['only limits it understands', buildRule({ limits: { perWeek: 3 } as never }), 'limits.perWeek'],
  ])('requires %s', (_, rule, path) => {
    expect(paths(rule)).toContain(path);
  });

  it('reports every problem at once with authority.invalid_rule', () => {
    try {
      validateRule(buildRule({ owner: { id: '', name: '' }, rationale: '' }), catalogue);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('authority.invalid_rule');
      expect((e as DomainError).details.errors).toHaveLength(2);
    }
  });
});

describe('versionInForce', () => {
  const v1 = buildRule({ version: 1, effectiveFrom: jan });
  const v2 = buildRule({ version: 2, effectiveFrom: feb });
  const v3retire = buildRule({ version: 3, effectiveFrom: feb, effectiveTo: mar });

  it.each([
    ['nothing before the first version starts', [v1], new Date(jan.getTime() - 1), null],
    ['the first version from its start', [v1, v2], jan, 1],
    ['the first version until the second starts', [v1, v2], new Date(feb.getTime() - 1000), 1],
    ['the second version from its start', [v1, v2], feb, 2],
    ['a later version replaces an earlier one with the same start', [v1, v2, v3retire], feb, 3],
    [
      'nothing once the newest version ends, even if older ones were open-ended',
      [v1, v2, v3retire],
      mar,
      null,
    ],
  ] as const)('gives %s', (_, versions, at, expected) => {
    expect(versionInForce(versions, at)?.version ?? null).toBe(expected);
  });
});

describe('editRule', () => {
  const edit = {
    editor,
    reason: 'Too many approvals for small credits',
    effectiveFrom: feb,
    expectedVersion: 1,
    at: jan,
  };

  it('produces the next version with the editor, reason and dates', () => {
    const next = editRule(buildRule(), { limits: { perAction: eur('75.00 EUR') } }, edit, catalogue);
    expect(next).toMatchObject({
      id: 'r-goodwill-agents',
      version: 2,
      limits: { perAction: eur('75.00 EUR') },
      owner: dana,
      editedBy: editor,
      editReason: 'Too many approvals for small credits',
      effectiveFrom: feb,
      effectiveTo: null,
      editedAt: jan,
    });
  });

  it('refuses an edit made on a stale version', () => {
    expect(() => editRule(buildRule({ version: 3 }), {}, edit, catalogue)).toThrow(
      expect.objectContaining({ code: 'authority_rule.version_conflict' }),
    );
  });

  it('refuses an edit that leaves the rule invalid', () => {
    expect(() => editRule(buildRule(), { rationale: '' }, edit, catalogue)).toThrow(
      expect.objectContaining({ code: 'authority.invalid_rule' }),
    );
  });
});
