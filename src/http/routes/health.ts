import { sql } from '../../db/sql.ts';
import type { AppDeps } from '../app.ts';
import type { ZodFastify } from '../types.ts';

export function registerHealthRoutes(app: ZodFastify, deps: AppDeps) {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'] } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { public: true }, schema: { tags: ['health'] } }, async (_request, reply) => {
    try {
      await deps.db.db.execute(sql`select 1`);
      return { status: 'ready', database: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
