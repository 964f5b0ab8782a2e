import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

export interface Site {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export async function findSites(tx: Executor): Promise<Site[]> {
  return rows<Site>(tx, sql`select id, code, name, time_zone as "timeZone" from sites order by name`);
}

/** Sites are named by id or by their short code (`LON`), whichever the caller has. */
export async function resolveSite(tx: Executor, idOrCode: string): Promise<Site | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  return one<Site>(
    tx,
    sql`select id, code, name, time_zone as "timeZone" from sites
        where ${isUuid ? sql`id = ${idOrCode}` : sql`lower(code) = lower(${idOrCode})`}`,
  );
}

export async function insertSite(tx: Executor, s: Omit<Site, 'id'>): Promise<Site> {
  const created = await one<Site>(
    tx,
    sql`insert into sites (code, name, time_zone) values (${s.code}, ${s.name}, ${s.timeZone})
        returning id, code, name, time_zone as "timeZone"`,
  );
  return created!;
}
