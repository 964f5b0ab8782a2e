import { z } from 'zod';
import { addCaseMessage } from '../../commands/cases/add-case-message.ts';
import { findCases } from '../../commands/cases/find-cases.ts';
import { getCase } from '../../commands/cases/get-case.ts';
import { updateCase } from '../../commands/cases/update-case.ts';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../core/cases/case-status.ts';
import { CHANNELS } from '../../core/channels.ts';
import { CASE_SORTS, SLA_LIST_STATUSES } from '../../db/repositories/cases.ts';
import { presentCase, presentCaseListItem, presentMessage } from '../presenters/case.ts';
import { etag, expectedVersion, idParams, type ZodFastify } from '../types.ts';

const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(CASE_STATUSES)).optional()),
  owner: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  site: z.string().min(1).optional(),
  customer: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  tag: z.string().min(1).optional(),
  team: z.union([z.literal('me'), z.uuid()]).optional(),
  sla: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(SLA_LIST_STATUSES)).optional())
    .describe("SLA status from the sweep's cache (`ok`, `at_risk`, `breached`), comma-separated"),
  sort: z
    .enum(CASE_SORTS)
    .default('newest')
    .describe(
      '`newest` first, `waiting` (longest-waiting first), or `time_left` (soonest SLA deadline first, cases without one last)',
    ),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const patchBody = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    ownerId: z.uuid().nullable().optional(),
    priority: z.enum(CASE_PRIORITIES).optional(),
    category: z.string().min(1).max(100).nullable().optional(),
    tags: z.array(z.string().min(1).max(50)).max(50).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();

const messageBody = z
  .object({
    kind: z.enum(['reply', 'note', 'call', 'visit']).default('reply'),
    body: z.string().min(1, 'must not be empty').max(200_000),
    channel: z.enum(CHANNELS).optional(),
    subject: z.string().max(1000).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();

export function registerCaseRoutes(app: ZodFastify) {
  app.get(
    '/cases',
    { schema: { tags: ['cases'], summary: 'List cases', querystring: listQuery } },
    async (request) => {
      const { owner, customer, ...q } = request.query;
      const page = await findCases(request.ctx(), {
        ...q,
        ...(owner ? { ownerId: owner === 'me' ? request.actor.id : owner === 'none' ? null : owner } : {}),
        ...(customer ? { customerId: customer } : {}),
      } as Parameters<typeof findCases>[1]);
      return { items: page.items.map(presentCaseListItem), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/cases/:id',
    { schema: { tags: ['cases'], summary: 'A case with its full timeline', params: idParams } },
    async (request, reply) => {
      const { case: found, timeline } = await getCase(request.ctx(), request.params.id);
      reply.header('etag', etag(found.version));
      return { ...presentCase(found), timeline: timeline.map(presentMessage) };
    },
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change status, owner, priority, category or tags',
        description:
          'Requires If-Match with the version from GET (or `version` in the body); 409 when stale.',
        params: idParams,
        body: patchBody,
      },
    },
    async (request, reply) => {
      const { version, ...patch } = request.body;
      const updated = await updateCase(
        request.ctx(),
        request.params.id,
        patch,
        expectedVersion(request.headers['if-match'], version),
      );
      reply.header('etag', etag(updated.version));
      return presentCase(updated);
    },
  );

  app.post(
    '/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reply, add an internal note, or log a call or visit',
        params: idParams,
        body: messageBody,
      },
    },
    async (request, reply) => {
      const { occurredAt, version, ...input } = request.body;
      const ifMatch = request.headers['if-match'];
      const result = await addCaseMessage(request.ctx(), request.params.id, {
        ...input,
        ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}),
        ...(version !== undefined || ifMatch ? { expectedVersion: expectedVersion(ifMatch, version) } : {}),
      });
      reply.header('etag', etag(result.case.version));
      return reply
        .status(201)
        .send({ message: presentMessage(result.message), case: presentCase(result.case) });
    },
  );
}
