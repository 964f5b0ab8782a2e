import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { Actor } from './approvals.ts';
import { evaluateAction } from './evaluate.ts';
import { markOverrideReported, overrideDecision } from './overrides.ts';
import { buildAgent, buildContext, buildRule, credit, dana, eur } from './testing.ts';

const now = new Date('2026-03-10T14:00:00Z');
const lead: Actor = { id: 'p-lee', name: 'Lee Chen', role: 'lead' };
const agent: Actor = { id: 'a-alice', name: 'Alice Martin', role: 'agent' };
const why = 'Customer waited three weeks and we lost the parcel twice.';

const overLimit = evaluateAction(credit('80.00 EUR'), buildContext(), now);
const allowed = evaluateAction(credit('10.00 EUR'), buildContext(), now);
const noRule = evaluateAction(
  credit('10.00 EUR'),
  buildContext({ agent: buildAgent({ role: 'trainee' }) }),
  now,
);
const locked = evaluateAction(
  credit('80.00 EUR'),
  buildContext({ rules: [buildRule({ override: { allowed: false, roles: [] } })] }),
  now,
);
const hardLimit = evaluateAction(
  credit('80.00 EUR'),
  buildContext({ rules: [buildRule({ approval: { by: 'none' }, limits: { perAction: eur('50.00 EUR') } })] }),
  now,
);

function attempt(decision = overLimit, by = lead, justification = why) {
  return overrideDecision({
    id: 'ov-1',
    decision,
    request: credit('80.00 EUR'),
    by,
    forAgent: agent,
    justification,
    now,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('overrides', () => {
  it('lets an allowed role override a limit and reports it to the rule owner', () => {
    expect(attempt()).toMatchObject({
      ruleId: 'r-goodwill-agents',
      overriddenOutcome: 'needs_approval',
      limit: { kind: 'per_action' },
      by: lead,
      reportTo: dana,
      reportedAt: null,
      justification: why,
    });
  });

  it('lets an allowed role override a hard limit with no approval route', () => {
    expect(attempt(hardLimit).overriddenOutcome).toBe('denied');
  });

  it.each([
    ['the action is already allowed', () => attempt(allowed), 'authority.override_not_allowed'],
    ['no rule covers the action', () => attempt(noRule), 'authority.override_not_allowed'],
    ['the rule forbids overrides', () => attempt(locked), 'authority.override_not_allowed'],
    ["the person's role may not override", () => attempt(overLimit, agent), 'authority.override_not_allowed'],
    [
      'the justification is too short',
      () => attempt(overLimit, lead, 'customer upset'),
      'authority.justification_required',
    ],
  ] as const)('refuses when %s', (_, act, code) => {
    expect(codeOf(act)).toBe(code);
  });

  it('records the report to the owner once', () => {
    const first = markOverrideReported(attempt(), now);
    expect(first.reportedAt).toEqual(now);
    expect(markOverrideReported(first, new Date(now.getTime() + 1000)).reportedAt).toEqual(now);
  });
});
