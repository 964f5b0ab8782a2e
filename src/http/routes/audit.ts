import { z } from 'zod';
import { authorize } from '../../commands/context.ts';
import { findAudit } from '../../db/repositories/audit.ts';
import type { ZodFastify } from '../types.ts';

export function registerAuditRoutes(app: ZodFastify) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The append-only audit trail',
        querystring: z.object({
          entity: z.string().min(1).max(50).optional(),
          id: z.string().min(1).max(100).optional(),
          actor: z.uuid().optional(),
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      authorize(request.actor, 'audit.read');
      const { entity, id, actor, after, limit } = request.query;
      const items = await findAudit(request.ctx().db.db, {
        limit,
        ...(entity ? { entity } : {}),
        ...(id ? { entityId: id } : {}),
        ...(actor ? { actorId: actor } : {}),
        ...(after ? { afterId: after } : {}),
      });
      return { items, nextAfter: items.length === limit ? items.at(-1)?.id : null };
    },
  );
}
