import type { FastifyRequest } from 'fastify';
import { hashToken } from '../commands/access/secrets.ts';
import type { Actor } from '../core/access/roles.ts';
import { DomainError } from '../core/errors.ts';
import type { Database } from '../db/client.ts';
import { actorForSession, actorForToken } from '../db/repositories/principals.ts';

export const SESSION_COOKIE = 'cb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_CACHE_MS = 10_000;

export class Unauthenticated extends DomainError {
  constructor(message = 'Send a bearer token (Authorization: Bearer …) or log in.') {
    super('auth.unauthenticated', message);
  }
}

/**
 * Resolves who is calling. Bearer tokens are cached for ten seconds, which keeps ingest off
 * the token table; a revoked token stops working within that window.
 */
export function createAuthenticator(db: Database) {
  const cache = new Map<string, { actor: Actor | undefined; until: number }>();

  async function fromToken(token: string): Promise<Actor | undefined> {
    const hash = hashToken(token);
    const hit = cache.get(hash);
    const now = Date.now();
    if (hit && hit.until > now) return hit.actor;
    const actor = await actorForToken(db.db, hash);
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { actor, until: now + TOKEN_CACHE_MS });
    return actor;
  }

  return async function authenticate(
    request: FastifyRequest,
  ): Promise<{ actor: Actor; session?: { csrfToken: string; expiresAt: Date } }> {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new Unauthenticated('The Authorization header must be "Bearer <token>".');
      const actor = await fromToken(match[1]!);
      if (!actor) throw new Unauthenticated('This token is unknown or revoked.');
      return { actor };
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const session = await actorForSession(db.db, hashToken(cookie));
      if (!session) throw new DomainError('auth.session_expired', 'Your session has ended; log in again.');
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
        throw new DomainError('auth.csrf_failed', 'The X-CSRF-Token header is missing or wrong.');
      }
      const { csrfToken, expiresAt, ...actor } = session;
      return { actor, session: { csrfToken, expiresAt } };
    }
    throw new Unauthenticated();
  };
}
