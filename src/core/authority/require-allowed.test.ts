import { describe, expect, it } from 'vitest';
import { evaluateAction } from './evaluate.ts';
import { requireAllowed } from './require-allowed.ts';
import { buildAgent, buildContext, credit } from './testing.ts';

const now = new Date('2026-03-10T14:00:00Z');

describe('requireAllowed', () => {
  it('passes an allowed decision through', () => {
    expect(requireAllowed(evaluateAction(credit('10.00 EUR'), buildContext(), now)).outcome).toBe('allowed');
  });

  it('raises authority.limit_exceeded with the approver for a decision that needs approval', () => {
    expect(() => requireAllowed(evaluateAction(credit('80.00 EUR'), buildContext(), now))).toThrow(
      expect.objectContaining({
        code: 'authority.limit_exceeded',
        details: { action: 'goodwill_credit', requested: 8000, limit: 5000, approver: 'Dana Smith' },
      }),
    );
  });

  it('raises authority.denied naming the owner for a denied decision', () => {
    const decision = evaluateAction(
      credit('1.00 EUR'),
      buildContext({ agent: buildAgent({ role: 'trainee' }) }),
      now,
    );
    expect(() => requireAllowed(decision)).toThrow(
      expect.objectContaining({
        code: 'authority.denied',
        details: expect.objectContaining({ cause: 'no_rule' }),
      }),
    );
  });
});
