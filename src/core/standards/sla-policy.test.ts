import { describe, expect, it } from 'vitest';
import {
  atRiskMarginMs,
  type SlaPolicy,
  type SlaPolicyFacts,
  selectSlaPolicy,
  validateSlaPolicy,
} from './sla-policy.ts';
import { standardPolicy } from './test-sla.ts';

const policy = (id: string, conditions: SlaPolicy['conditions']): SlaPolicy => ({
  ...standardPolicy,
  id,
  conditions,
});
const catchAll = policy('z-default', {});
const enterprise = policy('enterprise', { customerTier: ['enterprise'] });
const urgent = policy('urgent', { priority: ['urgent'] });
const highOrUrgent = policy('high-or-urgent', { priority: ['high', 'urgent'] });
const berlinSite = policy('berlin', { siteId: ['berlin'] });
const chat = policy('chat', { channel: ['chat'] });
const enterpriseUrgent = policy('enterprise-urgent', { customerTier: ['enterprise'], priority: ['urgent'] });

const facts = (over: Partial<SlaPolicyFacts> = {}): SlaPolicyFacts => ({
  siteId: 'berlin',
  priority: 'normal',
  channel: 'email',
  customerTier: 'standard',
  ...over,
});

describe('selectSlaPolicy', () => {
  const cases: [string, SlaPolicy[], SlaPolicyFacts, string | null][] = [
    ['falls back to the catch-all policy', [catchAll, urgent], facts(), 'z-default'],
    [
      'prefers any matching condition over the catch-all',
      [catchAll, chat],
      facts({ channel: 'chat' }),
      'chat',
    ],
    [
      'prefers two matching conditions over one',
      [enterprise, urgent, enterpriseUrgent],
      facts({ customerTier: 'enterprise', priority: 'urgent' }),
      'enterprise-urgent',
    ],
    [
      'ranks customer tier above priority',
      [urgent, enterprise],
      facts({ customerTier: 'enterprise', priority: 'urgent' }),
      'enterprise',
    ],
    ['ranks priority above site', [berlinSite, urgent], facts({ priority: 'urgent' }), 'urgent'],
    ['ranks site above channel', [chat, berlinSite], facts({ channel: 'chat' }), 'berlin'],
    [
      'prefers the narrower list on the same dimension',
      [highOrUrgent, urgent],
      facts({ priority: 'urgent' }),
      'urgent',
    ],
    ['ignores policies whose conditions do not match', [urgent, enterprise], facts(), null],
    [
      'does not match a tier condition when the customer has no tier',
      [enterprise],
      facts({ customerTier: null }),
      null,
    ],
    [
      'breaks a full tie by id, whatever the list order',
      [policy('b', { channel: ['email'] }), policy('a', { channel: ['email'] })],
      facts(),
      'a',
    ],
  ];
  it.each(cases)('%s', (_name, policies, f, expected) => {
    expect(selectSlaPolicy(policies, f)?.id ?? null).toBe(expected);
  });
});

describe('atRiskMarginMs', () => {
  it.each([
    ['defaults to 20% of the target', {}, 1000, 200],
    ['uses the fraction given', { fraction: 0.5 }, 1000, 500],
    ['uses a fixed margin', { withinMs: 300 }, 1000, 300],
    ['takes the larger of fraction and fixed margin', { fraction: 0.1, withinMs: 300 }, 1000, 300],
  ])('%s', (_name, margin, target, expected) => {
    expect(atRiskMarginMs(target, margin)).toBe(expected);
  });
});

describe('validateSlaPolicy', () => {
  it('accepts the standard policy', () => {
    expect(() => validateSlaPolicy(standardPolicy)).not.toThrow();
  });

  it.each([
    ['no targets', { targets: {} }],
    ['a zero target', { targets: { first_response: 0 } }],
    ['an unknown metric', { targets: { first_reply: 1000 } as SlaPolicy['targets'] }],
    ['a fraction above 1', { atRisk: { fraction: 1.5 } }],
    ['a negative margin', { atRisk: { withinMs: -1 } }],
    ['an unknown condition', { conditions: { region: ['eu'] } as SlaPolicy['conditions'] }],
  ])('rejects %s', (_name, over) => {
    expect(() => validateSlaPolicy({ ...standardPolicy, ...over })).toThrow(
      expect.objectContaining({ code: 'standards.invalid_policy' }),
    );
  });
});
