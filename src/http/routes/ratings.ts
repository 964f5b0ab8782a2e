import { z } from 'zod';
import { listCaseRatings } from '../../commands/cases/list-case-ratings.ts';
import { recordCaseRating } from '../../commands/cases/record-case-rating.ts';
import {
  type CaseRating,
  MAX_COMMENT,
  MAX_SCORE,
  MIN_SCORE,
  RATING_SOURCES,
} from '../../core/cases/rating.ts';
import { CHANNELS } from '../../core/channels.ts';
import { idParams, type ZodFastify } from '../types.ts';

const ratingBody = z
  .object({
    score: z.number().int().min(MIN_SCORE).max(MAX_SCORE),
    comment: z.string().max(MAX_COMMENT).nullable().optional(),
    source: z.enum(RATING_SOURCES).optional(),
    channel: z.enum(CHANNELS).optional(),
    externalId: z.string().trim().min(1).max(500).optional(),
    ratedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export function presentRating(r: CaseRating, current: boolean) {
  return {
    id: r.id,
    caseId: r.caseId,
    customerId: r.customerId,
    score: r.score,
    comment: r.comment,
    source: r.source,
    channel: r.channel,
    externalId: r.externalId,
    ratedAt: r.ratedAt,
    createdAt: r.createdAt,
    recordedBy: { id: r.actorId, name: r.actorName },
    current,
  };
}

/** Customer satisfaction (CSAT) ratings of a case: docs/ratings.md. */
export function registerRatingRoutes(app: ZodFastify) {
  app.post(
    '/cases/:id/ratings',
    {
      schema: {
        tags: ['ratings'],
        summary: "Record the customer's satisfaction rating (1–5) of a resolved or closed case",
        description:
          'Survey integrations post with an ingest token (source `survey` by default); people record what the ' +
          'customer told them (`agent_recorded`); admins and integrations may `import`. The same `source` + ' +
          '`externalId` again answers 200 with the stored rating and stores nothing; a new rating answers 201. ' +
          'The latest rating (by `ratedAt`) is the one that counts. 422 `rating.case_not_resolved` for a case ' +
          'that is new, open or pending.',
        params: idParams,
        body: ratingBody,
      },
    },
    async (request, reply) => {
      const { ratedAt, ...input } = request.body;
      const result = await recordCaseRating(request.ctx(), request.params.id, {
        ...input,
        ...(ratedAt ? { ratedAt: new Date(ratedAt) } : {}),
      });
      return reply.status(result.created ? 201 : 200).send(presentRating(result.rating, result.current));
    },
  );

  app.get(
    '/cases/:id/ratings',
    {
      schema: {
        tags: ['ratings'],
        summary: "A case's satisfaction ratings, the one that counts first",
        params: idParams,
      },
    },
    async (request) => {
      const { current, items } = await listCaseRatings(request.ctx(), request.params.id);
      return {
        current: current ? presentRating(current, true) : null,
        items: items.map((r) => presentRating(r, r.id === current?.id)),
      };
    },
  );
}
