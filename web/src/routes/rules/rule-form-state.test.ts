import { describe, expect, it } from 'vitest';
import { emptyState, stateFromRule, toRuleInput } from './rule-form-state.ts';
import { DANA, rule } from './test-fixtures.ts';

const filled = {
  ...emptyState({ ownerId: DANA }),
  name: 'Callbacks',
  actionType: 'callback_promise',
  rationale: 'Promised callbacks are kept when they are few.',
};

describe('rule form ↔ request body', () => {
  it('drops amount limits of a counted action and keeps its counts', () => {
    const { input, errors } = toRuleInput(
      { ...filled, perAction: '50', perDayAmount: '10', perDayActions: '5' },
      false,
      'count',
    );
    expect(errors).toEqual({});
    expect(input.limits).toEqual({ perAgentDay: { maxActions: 5 } });
  });

  it('asks for the period of a per-customer limit', () => {
    const { errors } = toRuleInput({ ...filled, perCustomerActions: '3' }, false, 'count');
    expect(errors.perCustomerDays).toMatch(/how many days/);
  });

  it('an edit starts from the rule, leaves the start to the server and always says the end', () => {
    const state = stateFromRule(rule);
    expect(state.perAction).toBe('75.00');
    expect(state.perCustomerAmount).toBe('100.00');
    expect(state.overrideRoles).toEqual(['lead', 'manager']);
    const { input, errors } = toRuleInput({ ...state, reason: 'Tidy up' }, true);
    expect(errors).toEqual({});
    expect(input).not.toHaveProperty('effectiveFrom');
    expect(input.effectiveTo).toBeNull();
    expect(input.limits.perAction).toEqual({ amountMinor: 7500, currency: 'EUR' });
    expect(toRuleInput(state, true).errors.reason).toBe('Say why this version exists');
  });
});
