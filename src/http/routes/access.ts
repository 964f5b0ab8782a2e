import { z } from 'zod';
import { logIn, logOut } from '../../commands/access/log-in.ts';
import { abilitiesOf } from '../../core/access/roles.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import type { AppDeps } from '../app.ts';
import { SESSION_COOKIE } from '../auth.ts';
import type { ZodFastify } from '../types.ts';

export function registerAccessRoutes(app: ZodFastify, deps: AppDeps) {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets a session cookie',
        body: z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(1000) }).strict(),
      },
    },
    async (request, reply) => {
      const session = await logIn(deps.db, deps.clock, {
        ...request.body,
        sessionHours: deps.sessionHours,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return {
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        agent: session.actor,
        abilities: abilitiesOf(session.actor.role),
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(deps.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get('/me', { schema: { tags: ['auth'], summary: 'Who am I, and what may I do' } }, async (request) => {
    const agent = await loadAgent(deps.db.db, request.actor.id);
    return {
      agent: {
        ...request.actor,
        email: agent?.email ?? null,
        teamId: agent?.teamId ?? null,
        siteId: agent?.siteId ?? null,
        timeZone: agent?.timeZone ?? null,
      },
      abilities: abilitiesOf(request.actor.role),
      ...(request.session ? { session: request.session } : {}),
    };
  });
}
