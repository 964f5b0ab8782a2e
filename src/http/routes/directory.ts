import { authorize } from '../../commands/context.ts';
import { findAgents } from '../../db/repositories/principals.ts';
import { findSites } from '../../db/repositories/sites.ts';
import type { ZodFastify } from '../types.ts';

export function registerDirectoryRoutes(app: ZodFastify) {
  app.get(
    '/sites',
    { schema: { tags: ['directory'], summary: 'Sites (service centres)' } },
    async (request) => {
      authorize(request.actor, 'directory.read');
      return { items: await findSites(request.ctx().db.db) };
    },
  );
  app.get('/agents', { schema: { tags: ['directory'], summary: 'Active agents' } }, async (request) => {
    authorize(request.actor, 'directory.read');
    return { items: await findAgents(request.ctx().db.db, {}) };
  });
}
