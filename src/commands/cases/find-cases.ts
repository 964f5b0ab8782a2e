import { type CaseFilter, type CaseListItem, findCases as query } from '../../db/repositories/cases.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import { resolveSite } from '../../db/repositories/sites.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface CasePage {
  items: CaseListItem[];
  nextCursor: string | null;
}

/** Keyset pagination: the cursor names the last case seen, so pages stay stable while cases arrive. */
export async function findCases(
  ctx: CommandContext,
  filter: Omit<CaseFilter, 'after' | 'siteId' | 'teamId'> & { site?: string; team?: string; cursor?: string },
): Promise<CasePage> {
  authorize(ctx.actor, 'case.read');
  const { cursor, site, team, ...rest } = filter;
  const teamId = team === 'me' ? ((await loadAgent(ctx.db.db, ctx.actor.id))?.teamId ?? NO_MATCH) : team;
  const siteId = site ? ((await resolveSite(ctx.db.db, site))?.id ?? NO_MATCH) : undefined;
  const items = await query(ctx.db.db, {
    ...rest,
    ...(siteId ? { siteId } : {}),
    ...(teamId ? { teamId } : {}),
    ...(cursor ? { after: decodeCursor(cursor) } : {}),
    limit: filter.limit + 1,
  });
  const page = items.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      items.length > filter.limit && last
        ? encodeCursor(
            filter.sort === 'waiting'
              ? (last.waitingSince ?? 'infinity')
              : filter.sort === 'time_left'
                ? (last.slaDueAt ?? 'infinity')
                : last.createdAt,
            last.id,
          )
        : null,
  };
}

// A filter value that matches nothing, for a site or team that does not exist.
const NO_MATCH = '00000000-0000-0000-0000-000000000000';

export function encodeCursor(key: Date | 'infinity', id: string): string {
  return Buffer.from(`${key === 'infinity' ? key : key.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { key: Date | 'infinity'; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const key = at === 'infinity' ? 'infinity' : new Date(at ?? '');
  if (!id || (key !== 'infinity' && Number.isNaN(key.getTime())) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new InvalidCursor();
  }
  return { key, id };
}

import { InvalidInput } from '../../core/errors.ts';

class InvalidCursor extends InvalidInput {
  constructor() {
    super('pagination.invalid_cursor', 'The cursor is not one this API returned.');
  }
}
