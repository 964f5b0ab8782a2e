import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createOfferRule } from '../../commands/reasoning/create-offer-rule.ts';
import { editOfferRule } from '../../commands/reasoning/edit-offer-rule.ts';
import { findOfferRules } from '../../commands/reasoning/find-offer-rules.ts';
import { getCaseSuggestions } from '../../commands/reasoning/get-case-suggestions.ts';
import { getOfferRule } from '../../commands/reasoning/get-offer-rule.ts';
import { getReasoningSettings } from '../../commands/reasoning/get-reasoning-settings.ts';
import { recordSuggestionFeedback } from '../../commands/reasoning/record-suggestion-feedback.ts';
import { retireOfferRule } from '../../commands/reasoning/retire-offer-rule.ts';
import { updateReasoningSettings } from '../../commands/reasoning/update-reasoning-settings.ts';
import { DomainError } from '../../core/errors.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { presentOfferRule, presentReasoningSettings, presentSuggestion } from '../presenters/reasoning.ts';
import { problemFor, sendProblem } from '../problem.ts';
import { etag, expectedVersion, idParams, type ZodFastify } from '../types.ts';

const feedbackParams = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  sid: z.uuid({ message: 'must be a UUID' }),
});

const feedbackBody = z
  .object({
    verdict: z.enum(['accepted', 'edited', 'rejected']),
    editedText: z.string().min(1).max(200_000).optional(),
  })
  .strict();

const weight = z.number().min(0).max(100);
const knob = z.number().min(0).max(1).nullable().optional();
const settingsBody = z
  .object({
    weights: z
      .object({
        text: weight,
        classifier: weight,
        product: weight,
        category: weight,
        channel: weight,
        tier: weight,
        attribute: weight,
      })
      .partial()
      .strict()
      .optional(),
    abstainBelow: knob,
    supportMix: knob,
    classifierShare: knob,
  })
  .strict();

const names = z.array(z.string().trim().min(1).max(200)).min(1).max(100);
const offerConditions = z
  .object({
    tiers: names.optional(),
    categories: names.optional(),
    products: names.optional(),
    minConfidence: z.number().min(0).max(1).optional(),
  })
  .strict();
const offerText = z.string().trim().min(1).max(500);
const rationale = z.string().trim().min(1).max(2000);
const editReason = z.string().trim().min(1).max(500);

const offerRuleBody = z
  .object({
    offer: offerText,
    rationale,
    ownerId: z.uuid({ message: 'must be a UUID' }),
    conditions: offerConditions,
    reason: editReason.optional(),
  })
  .strict();

const offerRuleChangeBody = z
  .object({
    offer: offerText.optional(),
    rationale: rationale.optional(),
    ownerId: z.uuid({ message: 'must be a UUID' }).optional(),
    conditions: offerConditions.optional(),
    reason: editReason,
    version: z.number().int().min(1).optional(),
  })
  .strict();

const offerRuleQuery = z
  .object({
    includeRetired: z.enum(['true', 'false']).optional(),
    owner: z.union([z.literal('me'), z.uuid({ message: 'must be a UUID or "me"' })]).optional(),
  })
  .strict();

const retireQuery = z
  .object({
    reason: editReason.optional(),
    version: z.coerce.number().int().min(1).optional(),
  })
  .strict();

/**
 * While this process is still loading its case base the engine cannot answer: 503 with
 * Retry-After (the status itself comes from problem.ts, like every other).
 */
async function orWarmingUp<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'reasoning.warming_up') {
      reply.header('retry-after', '5');
      return sendProblem(reply, problemFor(err, request));
    }
    throw err;
  }
}

export function registerReasoningRoutes(app: ZodFastify, reasoning: ReasoningService) {
  app.get(
    '/cases/:id/suggestions',
    {
      schema: {
        tags: ['reasoning'],
        summary: 'What resolved similar past cases: category, actions, drafted reply, next action',
        description:
          'Each answer has a stable id for feedback. `{abstained: true, message: "no similar case"}` when nothing is close enough; 503 `reasoning.warming_up` while the case base loads.',
        params: idParams,
      },
    },
    async (request, reply) =>
      orWarmingUp(request, reply, async () =>
        presentSuggestion(await getCaseSuggestions(request.ctx(), reasoning, request.params.id)),
      ),
  );

  app.post(
    '/cases/:id/suggestions/:sid/feedback',
    {
      schema: {
        tags: ['reasoning'],
        summary: 'Accept, edit or reject a suggestion; the cases it came from gain or lose reliability',
        params: feedbackParams,
        body: feedbackBody,
      },
    },
    async (request, reply) => {
      const result = await recordSuggestionFeedback(
        request.ctx(),
        reasoning,
        request.params.id,
        request.params.sid,
        request.body,
      );
      return reply.status(201).send({ ...result, createdAt: result.createdAt.toISOString() });
    },
  );

  app.get(
    '/reasoning/settings',
    { schema: { tags: ['reasoning'], summary: 'Similarity weights, abstention rule and engine status' } },
    async (request) => presentReasoningSettings(await getReasoningSettings(request.ctx(), reasoning)),
  );

  app.put(
    '/reasoning/settings',
    {
      schema: {
        tags: ['reasoning'],
        summary: 'Set similarity weights and the abstention rule (absent or null: the engine default)',
        body: settingsBody,
      },
    },
    async (request) =>
      presentReasoningSettings(await updateReasoningSettings(request.ctx(), reasoning, request.body)),
  );

  registerOfferRuleRoutes(app, reasoning);
}

/** Offer rules: what agents may proactively offer, for whom, owned by a named person (admins only). */
export function registerOfferRuleRoutes(app: ZodFastify, reasoning: ReasoningService) {
  const TAG = ['reasoning'];
  app.get(
    '/reasoning/offer-rules',
    {
      schema: {
        tags: TAG,
        summary: 'Proactive offer rules (latest version of each; retired ones with includeRetired=true)',
        querystring: offerRuleQuery,
      },
    },
    async (request) => {
      const { includeRetired, owner } = request.query;
      const found = await findOfferRules(request.ctx(), {
        includeRetired: includeRetired === 'true',
        ownerId: owner === 'me' ? request.actor.id : owner,
      });
      return { items: found.map((r) => presentOfferRule(r)) };
    },
  );

  app.post(
    '/reasoning/offer-rules',
    {
      schema: {
        tags: TAG,
        summary: 'Create an offer rule (version 1): offer, rationale, owner and conditions',
        body: offerRuleBody,
      },
    },
    async (request, reply) => {
      const created = await createOfferRule(request.ctx(), reasoning, request.body);
      reply.header('etag', etag(created.version));
      return reply.status(201).send(presentOfferRule(created, [created]));
    },
  );

  app.get(
    '/reasoning/offer-rules/:id',
    { schema: { tags: TAG, summary: 'An offer rule with its version history', params: idParams } },
    async (request, reply) => {
      const found = await getOfferRule(request.ctx(), request.params.id);
      reply.header('etag', etag(found.current.version));
      return presentOfferRule(found.current, found.versions);
    },
  );

  app.put(
    '/reasoning/offer-rules/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Save a new version of an offer rule',
        description:
          'Requires If-Match with the latest version (or `version`); 409 when stale, 428 without it. Unchanged fields carry over; `reason` says why.',
        params: idParams,
        body: offerRuleChangeBody,
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const saved = await editOfferRule(
        request.ctx(),
        reasoning,
        request.params.id,
        changes,
        expectedVersion(request.headers['if-match'], version),
      );
      reply.header('etag', etag(saved.current.version));
      return presentOfferRule(saved.current, saved.versions);
    },
  );

  app.delete(
    '/reasoning/offer-rules/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Retire an offer rule (a last version; the history stays)',
        description: 'Requires If-Match with the latest version (or `?version=`); 409 when stale.',
        params: idParams,
        querystring: retireQuery,
      },
    },
    async (request, reply) => {
      const retired = await retireOfferRule(
        request.ctx(),
        reasoning,
        request.params.id,
        expectedVersion(request.headers['if-match'], request.query.version),
        request.query.reason,
      );
      reply.header('etag', etag(retired.current.version));
      return presentOfferRule(retired.current, retired.versions);
    },
  );
}
