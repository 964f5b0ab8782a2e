import type { Actor, Role } from '../../core/access/roles.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';

export interface Agent {
  id: string;
  kind: 'person' | 'integration';
  name: string;
  email: string | null;
  role: Role;
  teamId: string | null;
  siteId: string | null;
  timeZone: string | null;
  active: boolean;
}

const agentColumns =
  sql.raw(`a.id, a.kind, a.name, a.email, a.role, a.team_id as "teamId", a.site_id as "siteId",
  a.time_zone as "timeZone", a.active`);

export async function insertAgent(
  tx: Executor,
  a: Omit<Agent, 'id' | 'active'> & { passwordHash?: string | null },
): Promise<Agent> {
  const created = await one<Agent>(
    tx,
    sql`insert into agents as a (kind, name, email, role, team_id, site_id, time_zone, password_hash)
        values (${a.kind}, ${a.name}, ${a.email}, ${a.role}, ${a.teamId}, ${a.siteId}, ${a.timeZone}, ${a.passwordHash ?? null})
        returning ${agentColumns}`,
  );
  return created!;
}

export async function loadAgent(tx: Executor, id: string): Promise<Agent | undefined> {
  return one<Agent>(tx, sql`select ${agentColumns} from agents a where a.id = ${id}`);
}

export async function loadAgentByEmail(
  tx: Executor,
  email: string,
): Promise<(Agent & { passwordHash: string | null }) | undefined> {
  return one(
    tx,
    sql`select ${agentColumns}, a.password_hash as "passwordHash" from agents a where lower(a.email) = lower(${email})`,
  );
}

export async function findAgents(
  tx: Executor,
  filter: { siteId?: string; teamId?: string },
): Promise<Agent[]> {
  const where = [sql`a.active`];
  if (filter.siteId) where.push(sql`a.site_id = ${filter.siteId}`);
  if (filter.teamId) where.push(sql`a.team_id = ${filter.teamId}`);
  return rows<Agent>(
    tx,
    sql`select ${agentColumns} from agents a where ${sql.join(where, sql` and `)} order by a.name`,
  );
}

export async function insertToken(
  tx: Executor,
  t: { agentId: string; name: string; role: Role; tokenHash: string; prefix: string },
): Promise<{ id: string }> {
  const created = await one<{ id: string }>(
    tx,
    sql`insert into api_tokens (agent_id, name, role, token_hash, prefix)
        values (${t.agentId}, ${t.name}, ${t.role}, ${t.tokenHash}, ${t.prefix}) returning id`,
  );
  return created!;
}

/** The actor behind a bearer token: the token's role, never more than its agent may do. */
export async function actorForToken(tx: Executor, tokenHash: string): Promise<Actor | undefined> {
  const [found] = await prepared<Actor & { stale: boolean }>(
    tx,
    sql`select a.id, a.name, t.role, a.kind,
          (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
        from api_tokens t join agents a on a.id = t.agent_id
        where t.token_hash = ${tokenHash} and t.revoked_at is null and a.active`,
  );
  if (!found) return undefined;
  if (found.stale) {
    // Usage is advisory; recording it at most once a minute keeps it off the request's path.
    tx.execute(sql`update api_tokens set last_used_at = now() where token_hash = ${tokenHash}`).catch(
      () => {},
    );
  }
  const { stale: _stale, ...actor } = found;
  return actor;
}

export async function insertSession(
  tx: Executor,
  s: { agentId: string; tokenHash: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await tx.execute(
    sql`insert into sessions (agent_id, token_hash, csrf_token, expires_at)
        values (${s.agentId}, ${s.tokenHash}, ${s.csrfToken}, ${s.expiresAt})`,
  );
}

export async function actorForSession(
  tx: Executor,
  tokenHash: string,
): Promise<(Actor & { csrfToken: string; expiresAt: Date }) | undefined> {
  const [found] = await prepared<Actor & { csrfToken: string; expiresAt: Date }>(
    tx,
    sql`select a.id, a.name, a.role, a.kind, s.csrf_token as "csrfToken", s.expires_at as "expiresAt"
        from sessions s join agents a on a.id = s.agent_id
        where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now() and a.active`,
  );
  return found;
}

export async function revokeSession(tx: Executor, tokenHash: string): Promise<void> {
  await tx.execute(sql`update sessions set revoked_at = now() where token_hash = ${tokenHash}`);
}
