import { z } from 'zod';
import { authorize } from '../../commands/context.ts';
import { CHANNELS } from '../../core/channels.ts';
import { searchEverything } from '../../db/repositories/search.ts';
import { resolveSite } from '../../db/repositories/sites.ts';
import type { ZodFastify } from '../types.ts';

const query = z.object({
  q: z.string().trim().min(1).max(500),
  site: z.string().min(1).optional(),
  channel: z.enum(CHANNELS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export function registerSearchRoutes(app: ZodFastify) {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search over messages and cases, with highlights',
        querystring: query,
      },
    },
    async (request) => {
      authorize(request.actor, 'search.read');
      const { q, site, channel, from, to, limit, offset } = request.query;
      const siteId = site ? (await resolveSite(request.ctx().db.db, site))?.id : undefined;
      if (site && !siteId) return { items: [] };
      const hits = await searchEverything(request.ctx().db.db, {
        q,
        limit,
        offset,
        ...(siteId ? { siteId } : {}),
        ...(channel ? { channel } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      });
      return { items: hits.map((h) => ({ ...h, highlight: safeHighlight(h.highlight) })) };
    },
  );
}

/** Highlights are plain text with <mark> around matches; everything else is escaped. */
function safeHighlight(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/&lt;mark&gt;/g, '<mark>')
    .replace(/&lt;\/mark&gt;/g, '</mark>');
}
