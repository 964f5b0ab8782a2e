import type { Actor } from '../../core/access/roles.ts';
import type { Executor } from '../client.ts';
import { rows, sql } from '../sql.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  requestId: string | null;
}

export async function appendAudit(
  tx: Executor,
  actor: Actor,
  requestId: string | undefined,
  entries: AuditEntry[],
) {
  if (entries.length === 0) return;
  const values = entries.map(
    (e) =>
      sql`(${actor.id}, ${actor.name}, ${e.action}, ${e.entity}, ${e.entityId}, ${json(e.before)}::jsonb, ${json(e.after)}::jsonb, ${requestId ?? null})`,
  );
  await tx.execute(
    sql`insert into audit_log (actor_id, actor_name, action, entity, entity_id, before, after, request_id) values ${sql.join(values, sql`, `)}`,
  );
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export async function findAudit(
  tx: Executor,
  filter: { entity?: string; entityId?: string; actorId?: string; afterId?: number; limit: number },
): Promise<AuditRecord[]> {
  const conditions = [sql`true`];
  if (filter.entity) conditions.push(sql`entity = ${filter.entity}`);
  if (filter.entityId) conditions.push(sql`entity_id = ${filter.entityId}`);
  if (filter.actorId) conditions.push(sql`actor_id = ${filter.actorId}`);
  if (filter.afterId) conditions.push(sql`id > ${filter.afterId}`);
  return rows<AuditRecord>(
    tx,
    sql`select id, at, actor_id as "actorId", actor_name as "actorName", action, entity, entity_id as "entityId",
               before, after, request_id as "requestId"
        from audit_log where ${sql.join(conditions, sql` and `)} order by id limit ${filter.limit}`,
  );
}

/** Who last changed an entity, for a 409 that can say "changed by Ada". */
export async function lastChangeBy(
  tx: Executor,
  entity: string,
  entityId: string,
): Promise<{ actorId: string | null; actorName: string; at: Date } | undefined> {
  const [found] = await rows<{ actorId: string | null; actorName: string; at: Date }>(
    tx,
    sql`select actor_id as "actorId", actor_name as "actorName", at from audit_log
        where entity = ${entity} and entity_id = ${entityId} order by id desc limit 1`,
  );
  return found;
}
