import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiToken } from '../src/commands/access/create-api-token.ts';
import { CLI_OPERATOR, type Role } from '../src/core/access/roles.ts';
import { systemClock } from '../src/core/ports.ts';
import { EventBus } from '../src/events.ts';
import { buildApp } from '../src/http/app.ts';
import type { ReasoningService } from '../src/reasoning/service.ts';
import { createTestDatabase } from './db.ts';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The real app on a database of this test file's own, with a token for every role. */
export async function createTestApp(
  options: {
    bodyLimit?: number;
    /** Builds the case-based reasoning service on this app's database and events (its routes need it). */
    reasoning?: (deps: {
      db: Awaited<ReturnType<typeof createTestDatabase>>;
      events: EventBus;
    }) => ReasoningService;
  } = {},
) {
  const db = await createTestDatabase();
  const events = new EventBus();
  const reasoning = options.reasoning?.({ db, events });
  const app = await buildApp({
    db,
    clock: systemClock,
    events,
    logger: false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    sessionHours: 1,
    secureCookies: false,
    consoleDir: false,
    ...(reasoning ? { reasoning } : {}),
  });
  const roles: Role[] = ['admin', 'manager', 'lead', 'agent', 'ingest'];
  const tokens = {} as Record<Role, string>;
  const agentIds = {} as Record<Role, string>;
  for (const role of roles) {
    const created = await createApiToken(db, CLI_OPERATOR, { name: `Test ${role}`, role });
    tokens[role] = created.token;
    agentIds[role] = created.agentId;
  }
  const call = (role: Role | null, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...(options.headers ?? {}) },
    });
  return {
    app: app as FastifyInstance,
    db,
    events,
    tokens,
    agentIds,
    call,
    close: async () => {
      await app.close();
      await reasoning?.stop();
      await db.drop();
    },
  };
}

export function inbound(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'email',
    from: { email: 'ada@example.com', name: 'Ada Lovelace' },
    subject: 'Charged twice for my order',
    body: 'Hello, I was charged twice for order 4411. Please refund the second charge.',
    ...overrides,
  };
}
