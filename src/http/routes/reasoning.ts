import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getCaseSuggestions } from '../../commands/reasoning/get-case-suggestions.ts';
import { getReasoningSettings } from '../../commands/reasoning/get-reasoning-settings.ts';
import { recordSuggestionFeedback } from '../../commands/reasoning/record-suggestion-feedback.ts';
import { updateReasoningSettings } from '../../commands/reasoning/update-reasoning-settings.ts';
import { DomainError } from '../../core/errors.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { presentReasoningSettings, presentSuggestion } from '../presenters/reasoning.ts';
import { problemFor, sendProblem } from '../problem.ts';
import { idParams, type ZodFastify } from '../types.ts';

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
}
