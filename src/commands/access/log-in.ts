import type { Actor } from '../../core/access/roles.ts';
import { DomainError } from '../../core/errors.ts';
import type { Clock } from '../../core/ports.ts';
import type { Database } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertSession, loadAgentByEmail, revokeSession } from '../../db/repositories/principals.ts';
import { hashToken, newSecret, verifyPassword } from './secrets.ts';

export class LoginFailed extends DomainError {
  constructor() {
    super('auth.login_failed', 'The email or password is not right.');
  }
}

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

export async function logIn(
  db: Database,
  clock: Clock,
  input: { email: string; password: string; sessionHours: number; requestId?: string },
): Promise<Session> {
  const agent = await loadAgentByEmail(db.db, input.email);
  // Verify even when the agent is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(input.password, agent?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA');
  if (!agent?.active || !agent.passwordHash || !ok) throw new LoginFailed();
  const token = newSecret('cbs');
  const csrfToken = newSecret('csrf');
  const expiresAt = new Date(clock.now().getTime() + input.sessionHours * 3_600_000);
  const actor: Actor = { id: agent.id, name: agent.name, role: agent.role, kind: agent.kind };
  await db.transaction(async (tx) => {
    await insertSession(tx, { agentId: agent.id, tokenHash: hashToken(token), csrfToken, expiresAt });
    await appendAudit(tx, actor, input.requestId, [
      { action: 'session.created', entity: 'agent', entityId: agent.id },
    ]);
  });
  return { token, csrfToken, expiresAt, actor };
}

export async function logOut(db: Database, token: string): Promise<void> {
  await revokeSession(db.db, hashToken(token));
}
