import { type CaseFilter, type CaseListItem, findCases as query } from '../../db/repositories/cases.ts';
import { resolveSite } from '../../db/repositories/sites.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface CasePage {
  items: CaseListItem[];
  nextCursor: string | null;
}

/** Keyset pagination: the cursor names the last case seen, so pages stay stable while cases arrive. */
export async function findCases(
  ctx: CommandContext,
  filter: Omit<CaseFilter, 'after' | 'siteId'> & { site?: string; cursor?: string },
): Promise<CasePage> {
  authorize(ctx.actor, 'case.read');
  const { cursor, site, ...rest } = filter;
  const siteId = site
    ? ((await resolveSite(ctx.db.db, site))?.id ?? '00000000-0000-0000-0000-000000000000')
    : undefined;
  const items = await query(ctx.db.db, {
    ...rest,
    ...(siteId ? { siteId } : {}),
    ...(cursor ? { after: decodeCursor(cursor) } : {}),
    limit: filter.limit + 1,
  });
  const page = items.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: items.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new InvalidCursor();
  }
  return { createdAt, id };
}

import { InvalidInput } from '../../core/errors.ts';

class InvalidCursor extends InvalidInput {
  constructor() {
    super('pagination.invalid_cursor', 'The cursor is not one this API returned.');
  }
}
