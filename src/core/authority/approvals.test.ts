import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  type Actor,
  type ApprovalRequest,
  applyEscalation,
  approvalCovers,
  approveRequest,
  decideApprovalEscalation,
  rejectRequest,
  requestApproval,
} from './approvals.ts';
import type { NeedsApproval } from './decision.ts';
import { evaluateAction } from './evaluate.ts';
import { buildContext, buildRule, credit, dana, eur } from './testing.ts';

const now = new Date('2026-03-10T14:00:00Z');
const alice: Actor = { id: 'a-alice', name: 'Alice Martin', role: 'agent' };
const danaActor: Actor = { ...dana, role: 'owner' };
const mia: Actor = { id: 'p-mia', name: 'Mia Laurent', role: 'manager' };
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const decision = evaluateAction(credit('80.00 EUR'), buildContext(), now) as NeedsApproval;

function open(overrides: Partial<Parameters<typeof requestApproval>[0]> = {}): ApprovalRequest {
  return requestApproval({
    id: 'ap-1',
    decision,
    request: credit('80.00 EUR'),
    requester: alice,
    justification: 'Third late delivery this month for this customer.',
    now,
    escalateTo: [{ kind: 'role', role: 'manager' }],
    ...overrides,
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

describe('approvals', () => {
  it('opens a pending request addressed to the rule owner, due in 15 minutes', () => {
    expect(decision.outcome).toBe('needs_approval');
    expect(open()).toMatchObject({
      status: 'pending',
      approvers: [
        { kind: 'person', person: dana },
        { kind: 'role', role: 'manager' },
      ],
      deadline: minutes(15),
      ruleId: 'r-goodwill-agents',
      limit: { kind: 'per_action' },
    });
  });

  it('requires a written justification', () => {
    expect(codeOf(() => open({ justification: 'pls' }))).toBe('authority.justification_required');
  });

  it('never routes a request to its own requester', () => {
    expect(open({ requester: dana }).approvers).toEqual([{ kind: 'role', role: 'manager' }]);
    expect(codeOf(() => open({ requester: dana, escalateTo: [] }))).toBe('authority.self_approval');
  });

  it.each([
    ['the owner approves', (a: ApprovalRequest) => approveRequest(a, danaActor, minutes(5)), 'approved'],
    [
      'the owner rejects with a reason',
      (a: ApprovalRequest) =>
        rejectRequest(a, danaActor, minutes(5), 'Already credited last week, see case 12'),
      'rejected',
    ],
  ] as const)('%s', (_, act, status) => {
    expect(act(open())).toMatchObject({ status, resolution: { by: dana, at: minutes(5) } });
  });

  it.each([
    [
      'the requester approves their own request',
      () => approveRequest(open({ escalateTo: [{ kind: 'role', role: 'agent' }] }), alice, now),
      'authority.self_approval',
    ],
    ['someone who is not an approver approves', () => approveRequest(open(), mia, now), 'auth.forbidden'],
    [
      'a rejection gives no reason',
      () => rejectRequest(open(), danaActor, now, 'no'),
      'authority.justification_required',
    ],
    [
      'an approved request is approved again',
      () => approveRequest(approveRequest(open(), danaActor, now), danaActor, now),
      'approval.invalid_transition',
    ],
    [
      'a rejected request is approved',
      () =>
        approveRequest(rejectRequest(open(), danaActor, now, 'Customer already compensated'), danaActor, now),
      'approval.invalid_transition',
    ],
  ] as const)('refuses when %s', (_, act, code) => {
    expect(codeOf(act)).toBe(code);
  });

  it.each([
    ['one minute before the deadline', 14, 'none'],
    ['exactly at the deadline', 15, 'none'],
    ['one second after the deadline', 15 + 1 / 60, 'escalate'],
  ] as const)('decides escalation %s', (_, at, action) => {
    expect(decideApprovalEscalation(open(), minutes(at)).action).toBe(action);
  });

  it('escalates to the next approver with a fresh deadline, who may then approve', () => {
    const late = minutes(16);
    const escalated = applyEscalation(open(), decideApprovalEscalation(open(), late), late);
    expect(escalated).toMatchObject({ status: 'escalated', level: 1, deadline: minutes(31) });
    expect(approveRequest(escalated, mia, minutes(20)).status).toBe('approved');
    expect(approveRequest(escalated, danaActor, minutes(20)).status).toBe('approved');
  });

  it('expires once nobody is left to escalate to', () => {
    const escalated = applyEscalation(open(), decideApprovalEscalation(open(), minutes(16)), minutes(16));
    const decision2 = decideApprovalEscalation(escalated, minutes(32));
    expect(decision2).toEqual({ action: 'expire' });
    const expired = applyEscalation(escalated, decision2, minutes(32));
    expect(expired.status).toBe('expired');
    expect(codeOf(() => approveRequest(expired, mia, minutes(33)))).toBe('approval.invalid_transition');
    expect(decideApprovalEscalation(expired, minutes(60))).toMatchObject({
      action: 'none',
      reason: 'resolved',
    });
  });

  it('takes a custom SLA', () => {
    expect(open({ slaMinutes: 5 }).deadline).toEqual(minutes(5));
  });

  it('routes to the approver the rule configures', () => {
    const rule = buildRule({ approval: { by: 'person', person: { id: 'p-zoe', name: 'Zoe Ade' } } });
    const d = evaluateAction(credit('80.00 EUR'), buildContext({ rules: [rule] }), now) as NeedsApproval;
    expect(open({ decision: d }).approvers[0]).toEqual({
      kind: 'person',
      person: { id: 'p-zoe', name: 'Zoe Ade' },
      via: 'person',
    });
  });
});

describe('approvalCovers', () => {
  const approved = approveRequest(open(), danaActor, minutes(5));

  it.each([
    ['the same request once approved', approved, credit('80.00 EUR'), '80.00 EUR', true],
    ['a larger amount', approved, credit('90.00 EUR'), '90.00 EUR', false],
    ['another customer', approved, credit('80.00 EUR', { customerId: 'c-2' }), '80.00 EUR', false],
    ['a request still pending', open(), credit('80.00 EUR'), '80.00 EUR', false],
  ] as const)('covers %s: %s', (_, approval, request, amount, covered) => {
    expect(approvalCovers(approval, request, eur(amount))).toBe(covered);
  });
});
