import { z } from 'zod';
import { acknowledgeOverride } from '../../commands/authority/acknowledge-override.ts';
import { addCatalogueActionType } from '../../commands/authority/add-action-type.ts';
import { answerFriction } from '../../commands/authority/answer-friction-report.ts';
import { createRule } from '../../commands/authority/create-rule.ts';
import { decideApproval } from '../../commands/authority/decide-approval.ts';
import { editRule } from '../../commands/authority/edit-rule.ts';
import { escalateOverdueApprovals } from '../../commands/authority/escalate-approvals.ts';
import { evaluateCaseAction } from '../../commands/authority/evaluate-action.ts';
import { executeCaseAction } from '../../commands/authority/execute-action.ts';
import { findApprovals, getApproval } from '../../commands/authority/find-approvals.ts';
import { findCaseActions } from '../../commands/authority/find-case-actions.ts';
import { findCustomerActions } from '../../commands/authority/find-customer-actions.ts';
import { findFriction } from '../../commands/authority/find-friction-reports.ts';
import { findOverrides } from '../../commands/authority/find-overrides.ts';
import { findRules } from '../../commands/authority/find-rules.ts';
import { flagRule } from '../../commands/authority/flag-rule.ts';
import { getCatalogue } from '../../commands/authority/get-catalogue.ts';
import { getMyAuthority } from '../../commands/authority/get-my-authority.ts';
import { getRule } from '../../commands/authority/get-rule.ts';
import { overrideCaseAction } from '../../commands/authority/override-action.ts';
import { reportAgents } from '../../commands/authority/report-agents.ts';
import { reportRules } from '../../commands/authority/report-rules.ts';
import { requestCaseApproval } from '../../commands/authority/request-approval.ts';
import { withdrawFrictionReport } from '../../commands/authority/withdraw-friction-report.ts';
import { can } from '../../core/access/roles.ts';
import {
  presentAction,
  presentActionType,
  presentApproval,
  presentDecision,
  presentFriction,
  presentHeld,
  presentOverride,
  presentRuleWithHistory,
} from '../presenters/authority.ts';
import { etag, expectedVersion, idParams, type ZodFastify } from '../types.ts';

const TAG = ['authority'];

/** "50.00 EUR" or {amountMinor, currency}; the engine refuses negative, fractional or absurd amounts. */
const moneyInput = z.union([
  z.string().max(40),
  z.object({ amountMinor: z.number(), currency: z.string().max(3) }).strict(),
]);

const actionBody = z
  .object({
    actionType: z.string().min(1).max(63),
    params: z.record(z.string(), z.unknown()).default({}),
    purchaseId: z.uuid().optional(),
  })
  .strict();

const approvalRequestBody = actionBody
  .extend({
    justification: z.string().max(5000),
    slaMinutes: z.number().int().min(1).max(10_080).optional(),
  })
  .strict();

const overrideBody = actionBody
  .extend({ justification: z.string().max(5000), forAgentId: z.uuid().optional() })
  .strict();

const scope = z
  .object({
    agentId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    siteId: z.uuid().optional(),
    role: z.enum(['agent', 'lead', 'manager', 'admin']).optional(),
  })
  .strict();

const limits = z
  .object({
    perAction: moneyInput.optional(),
    perCustomer: z
      .object({
        periodDays: z.number().int(),
        maxAmount: moneyInput.optional(),
        maxActions: z.number().int().optional(),
      })
      .strict()
      .optional(),
    perAgentDay: z
      .object({ maxAmount: moneyInput.optional(), maxActions: z.number().int().optional() })
      .strict()
      .optional(),
  })
  .strict();

const conditions = z
  .object({
    tiers: z.array(z.string().min(1).max(50)).max(20).optional(),
    minLifetimeValue: moneyInput.optional(),
    minTenureDays: z.number().int().optional(),
    maxOpenProblems: z.number().int().optional(),
    receiptOnFile: z.boolean().optional(),
    underWarranty: z.boolean().optional(),
  })
  .strict();

const overridePolicy = z
  .object({ allowed: z.boolean(), roles: z.array(z.enum(['agent', 'lead', 'manager', 'admin'])).max(4) })
  .strict();

const approvalRoute = z.discriminatedUnion('by', [
  z.object({ by: z.literal('owner') }).strict(),
  z.object({ by: z.literal('role'), role: z.enum(['lead', 'manager', 'admin']) }).strict(),
  z.object({ by: z.literal('person'), personId: z.uuid() }).strict(),
  z.object({ by: z.literal('none') }).strict(),
]);

const ruleBody = z
  .object({
    name: z.string().min(1).max(200),
    actionType: z.string().min(1).max(63),
    scope: scope.default({}),
    limits: limits.default({}),
    conditions: conditions.default({}),
    ownerId: z.uuid(),
    rationale: z.string().max(5000),
    effectiveFrom: z.iso.datetime({ offset: true }).optional(),
    effectiveTo: z.iso.datetime({ offset: true }).nullable().optional(),
    override: overridePolicy.default({ allowed: false, roles: [] }),
    approval: approvalRoute.default({ by: 'owner' }),
    reason: z.string().max(2000).optional(),
  })
  .strict();

const ruleChangeBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    actionType: z.string().min(1).max(63).optional(),
    scope: scope.optional(),
    limits: limits.optional(),
    conditions: conditions.optional(),
    ownerId: z.uuid().optional(),
    rationale: z.string().max(5000).optional(),
    effectiveFrom: z.iso.datetime({ offset: true }).optional(),
    effectiveTo: z.iso.datetime({ offset: true }).nullable().optional(),
    override: overridePolicy.optional(),
    approval: approvalRoute.optional(),
    reason: z.string().min(1, 'say why this version exists').max(2000),
    version: z.number().int().min(1).optional(),
  })
  .strict();

const paramSpec = z.discriminatedUnion('kind', [
  z.object({ name: z.string().min(1).max(63), kind: z.literal('money'), required: z.boolean() }).strict(),
  z
    .object({
      name: z.string().min(1).max(63),
      kind: z.literal('text'),
      required: z.boolean(),
      minLength: z.number().int().min(0).max(10_000).optional(),
      maxLength: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  z
    .object({
      name: z.string().min(1).max(63),
      kind: z.literal('choice'),
      required: z.boolean(),
      options: z.array(z.string().min(1).max(100)).max(50),
    })
    .strict(),
  z.object({ name: z.string().min(1).max(63), kind: z.literal('product'), required: z.boolean() }).strict(),
  z.object({ name: z.string().min(1).max(63), kind: z.literal('boolean'), required: z.boolean() }).strict(),
]);

const actionTypeBody = z
  .object({
    id: z.string().min(1).max(63),
    label: z.string().min(1).max(100),
    verb: z.string().min(1).max(100),
    measure: z.enum(['money', 'count']),
    params: z.array(paramSpec).max(20),
    defaultOwnerId: z.uuid().optional(),
  })
  .strict();

const decideBody = z.object({ note: z.string().max(5000).default('') }).strict();
const limitQuery = z.coerce.number().int().min(1).max(500).default(100);
const daysQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

const date = (s: string | undefined) => (s ? new Date(s) : undefined);
const nullableDate = (s: string | null | undefined) =>
  s === undefined ? undefined : s === null ? null : new Date(s);

export function registerAuthorityRoutes(app: ZodFastify) {
  // ------------------------------------------------------------ catalogue
  app.get(
    '/authority/catalogue',
    { schema: { tags: TAG, summary: 'The action catalogue' } },
    async (request) => ({
      items: (await getCatalogue(request.ctx())).map(presentActionType),
    }),
  );

  app.post(
    '/authority/catalogue',
    { schema: { tags: TAG, summary: 'Add an action type (admin)', body: actionTypeBody } },
    async (request, reply) => {
      const created = await addCatalogueActionType(request.ctx(), request.body);
      return reply.status(201).send(presentActionType(created));
    },
  );

  // ------------------------------------------------------------ rules
  app.get(
    '/authority/rules',
    {
      schema: {
        tags: TAG,
        summary: 'Rules with their latest version and the version in force',
        querystring: z.object({
          actionType: z.string().min(1).max(63).optional(),
          owner: z.union([z.literal('me'), z.uuid()]).optional(),
        }),
      },
    },
    async (request) => {
      const { actionType, owner } = request.query;
      const found = await findRules(request.ctx(), {
        actionType,
        ownerId: owner === 'me' ? request.actor.id : owner,
      });
      return { items: found.map((r) => presentRuleWithHistory(r, false)) };
    },
  );

  app.post(
    '/authority/rules',
    { schema: { tags: TAG, summary: 'Create a rule (version 1)', body: ruleBody } },
    async (request, reply) => {
      const { effectiveFrom, effectiveTo, ...input } = request.body;
      const created = await createRule(request.ctx(), {
        ...input,
        effectiveFrom: date(effectiveFrom),
        effectiveTo: nullableDate(effectiveTo),
      });
      reply.header('etag', etag(created.current.version));
      return reply.status(201).send(presentRuleWithHistory(created, true));
    },
  );

  app.get(
    '/authority/rules/:id',
    { schema: { tags: TAG, summary: 'A rule with its version history', params: idParams } },
    async (request, reply) => {
      const found = await getRule(request.ctx(), request.params.id);
      reply.header('etag', etag(found.current.version));
      return presentRuleWithHistory(found, true);
    },
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/authority/rules/:id',
      {
        schema: {
          tags: TAG,
          summary: 'Save a new version of a rule',
          description:
            'Requires If-Match with the latest version (or `version`); 409 when stale. Unchanged fields carry over.',
          params: idParams,
          body: ruleChangeBody,
        },
      },
      async (request, reply) => {
        const { version, effectiveFrom, effectiveTo, ...changes } = request.body;
        const saved = await editRule(
          request.ctx(),
          request.params.id,
          { ...changes, effectiveFrom: date(effectiveFrom), effectiveTo: nullableDate(effectiveTo) },
          expectedVersion(request.headers['if-match'], version),
        );
        reply.header('etag', etag(saved.current.version));
        return presentRuleWithHistory(saved, true);
      },
    );
  }

  // ------------------------------------------------------------ deciding and acting on a case
  app.get(
    '/authority/me',
    {
      schema: {
        tags: TAG,
        summary: 'The authority I hold and what is left, per action type',
        querystring: z.object({ case: z.uuid().optional() }),
      },
    },
    async (request) => {
      const mine = await getMyAuthority(request.ctx(), { caseId: request.query.case });
      return { agentId: mine.agentId, caseId: mine.caseId, items: mine.held.map(presentHeld) };
    },
  );

  app.post(
    '/cases/:id/actions/evaluate',
    {
      schema: {
        tags: TAG,
        summary: 'The decision for an action, before committing to it',
        params: idParams,
        body: actionBody,
      },
    },
    async (request) => {
      const { decision, held } = await evaluateCaseAction(request.ctx(), request.params.id, request.body);
      return { decision: presentDecision(decision), held: presentHeld(held) };
    },
  );

  app.post(
    '/cases/:id/actions',
    {
      schema: {
        tags: TAG,
        summary: 'Execute an action within my authority',
        description:
          'Re-decides under the usage locks. Over the limit: 403 authority.limit_exceeded (request approval); denied: 422 authority.denied. Both carry the decision in details.',
        params: idParams,
        body: actionBody,
      },
    },
    async (request, reply) => {
      const { action, decision } = await executeCaseAction(request.ctx(), request.params.id, request.body);
      return reply.status(201).send({ action: presentAction(action), decision: presentDecision(decision) });
    },
  );

  app.get(
    '/cases/:id/actions',
    { schema: { tags: TAG, summary: 'Actions executed on a case', params: idParams } },
    async (request) => ({
      items: (await findCaseActions(request.ctx(), request.params.id)).map(presentAction),
    }),
  );

  app.get(
    '/customers/:id/actions',
    { schema: { tags: TAG, summary: 'Actions executed for a customer', params: idParams } },
    async (request) => ({
      items: (await findCustomerActions(request.ctx(), request.params.id)).map(presentAction),
    }),
  );

  app.post(
    '/cases/:id/actions/approval-requests',
    {
      schema: {
        tags: TAG,
        summary: 'Ask for approval of an action over my limit, with a justification',
        params: idParams,
        body: approvalRequestBody,
      },
    },
    async (request, reply) => {
      const approval = await requestCaseApproval(request.ctx(), request.params.id, request.body);
      return reply.status(201).send(presentApproval(approval, request.ctx().clock.now()));
    },
  );

  app.post(
    '/cases/:id/actions/override',
    {
      schema: {
        tags: TAG,
        summary: 'Override a decision where the rule allows it (executes the action; reported to the owner)',
        params: idParams,
        body: overrideBody,
      },
    },
    async (request, reply) => {
      const { override, action } = await overrideCaseAction(request.ctx(), request.params.id, request.body);
      return reply.status(201).send({ override: presentOverride(override), action: presentAction(action) });
    },
  );

  // ------------------------------------------------------------ approvals
  app.get(
    '/authority/approvals',
    {
      schema: {
        tags: TAG,
        summary: 'Approvals: my queue to decide (default for approvers), my requests, or a case',
        querystring: z.object({
          view: z.enum(['queue', 'mine', 'case']).optional(),
          status: z.enum(['open', 'pending', 'escalated', 'approved', 'rejected', 'expired']).optional(),
          case: z.uuid().optional(),
          limit: limitQuery,
        }),
      },
    },
    async (request) => {
      const { view, status, case: caseId, limit } = request.query;
      const chosen =
        view ?? (caseId ? 'case' : can(request.actor.role, 'authority.approve') ? 'queue' : 'mine');
      const found = await findApprovals(request.ctx(), {
        view: chosen,
        status,
        limit,
        ...(caseId ? { caseId } : {}),
      });
      const now = request.ctx().clock.now();
      return { view: chosen, items: found.map((a) => presentApproval(a, now)) };
    },
  );

  app.post(
    '/authority/approvals/escalate-overdue',
    { schema: { tags: TAG, summary: 'Run the approval SLA sweep now (idempotent)' } },
    async (request) => escalateOverdueApprovals(request.ctx()),
  );

  app.get(
    '/authority/approvals/:id',
    { schema: { tags: TAG, summary: 'One approval request', params: idParams } },
    async (request) =>
      presentApproval(await getApproval(request.ctx(), request.params.id), request.ctx().clock.now()),
  );

  for (const verdict of ['approve', 'reject'] as const) {
    app.post(
      `/authority/approvals/:id/${verdict}`,
      {
        schema: {
          tags: TAG,
          summary:
            verdict === 'approve'
              ? 'Approve: executes the requested action for the requester'
              : 'Reject, saying why (at least 15 characters)',
          params: idParams,
          body: decideBody,
        },
      },
      async (request) => {
        const { approval, action } = await decideApproval(
          request.ctx(),
          request.params.id,
          verdict,
          request.body.note,
        );
        return {
          approval: presentApproval(approval, request.ctx().clock.now()),
          action: action ? presentAction(action) : null,
        };
      },
    );
  }

  // ------------------------------------------------------------ overrides
  app.get(
    '/authority/overrides',
    {
      schema: {
        tags: TAG,
        summary: 'Overrides of rules I own (owner=me, default) or all (managers)',
        querystring: z.object({
          owner: z.enum(['me', 'all']).default('me'),
          unseen: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          limit: limitQuery,
        }),
      },
    },
    async (request) => {
      const { owner, unseen, limit } = request.query;
      const found = await findOverrides(request.ctx(), { owner, unseenOnly: unseen, limit });
      return { items: found.map(presentOverride) };
    },
  );

  app.post(
    '/authority/overrides/:id/acknowledge',
    { schema: { tags: TAG, summary: 'The rule owner has seen this override', params: idParams } },
    async (request) => presentOverride(await acknowledgeOverride(request.ctx(), request.params.id)),
  );

  // ------------------------------------------------------------ friction reports
  app.post(
    '/authority/rules/:id/friction',
    {
      schema: {
        tags: TAG,
        summary: 'Flag a rule: "this rule hurts customers because …", with the cases',
        params: idParams,
        body: z.object({ reason: z.string().max(5000), caseIds: z.array(z.uuid()).max(50) }).strict(),
      },
    },
    async (request, reply) => {
      const report = await flagRule(request.ctx(), request.params.id, request.body);
      return reply.status(201).send(presentFriction(report, request.ctx().clock.now()));
    },
  );

  app.get(
    '/authority/friction',
    {
      schema: {
        tags: TAG,
        summary: 'Friction reports: addressed to me (owner=me), raised by me (mine=true), or on a rule',
        querystring: z.object({
          owner: z.literal('me').optional(),
          mine: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          rule: z.uuid().optional(),
          status: z.enum(['open', 'answered', 'withdrawn']).optional(),
          limit: limitQuery,
        }),
      },
    },
    async (request) => {
      const { owner, mine, rule, status, limit } = request.query;
      const found = await findFriction(request.ctx(), { owner, mine, ruleId: rule, status, limit });
      const now = request.ctx().clock.now();
      return { items: found.map((f) => presentFriction(f, now)) };
    },
  );

  app.post(
    '/authority/friction/:id/answer',
    {
      schema: {
        tags: TAG,
        summary: 'The rule owner answers: keep, change or retire',
        params: idParams,
        body: z
          .object({ verdict: z.enum(['keep', 'change', 'retire']), response: z.string().max(5000) })
          .strict(),
      },
    },
    async (request) =>
      presentFriction(
        await answerFriction(request.ctx(), request.params.id, request.body),
        request.ctx().clock.now(),
      ),
  );

  app.post(
    '/authority/friction/:id/withdraw',
    { schema: { tags: TAG, summary: 'The reporter takes back an open report', params: idParams } },
    async (request) =>
      presentFriction(
        await withdrawFrictionReport(request.ctx(), request.params.id),
        request.ctx().clock.now(),
      ),
  );

  // ------------------------------------------------------------ reports
  app.get(
    '/authority/reports/rules',
    {
      schema: {
        tags: TAG,
        summary: 'Per rule: allowed, approval, denied, overridden; case outcomes',
        querystring: daysQuery,
      },
    },
    async (request) => reportRules(request.ctx(), request.query.days),
  );

  app.get(
    '/authority/reports/agents',
    {
      schema: {
        tags: TAG,
        summary: 'Per agent: authority used against authority held',
        querystring: daysQuery,
      },
    },
    async (request) => reportAgents(request.ctx(), request.query.days),
  );
}
