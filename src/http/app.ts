import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context.ts';
import type { Actor } from '../core/access/roles.ts';
import type { Clock } from '../core/ports.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events.ts';
import { createAuthenticator } from './auth.ts';
import { registerConsole } from './console.ts';
import { problemFor, sendProblem } from './problem.ts';
import { registerAccessRoutes } from './routes/access.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerAuthorityRoutes } from './routes/authority.ts';
import { registerCaseRoutes } from './routes/cases.ts';
import { registerCustomerRoutes } from './routes/customers.ts';
import { registerDirectoryRoutes } from './routes/directory.ts';
import { registerEventStream } from './routes/events.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerInboundRoutes } from './routes/inbound.ts';
import { registerRatingRoutes } from './routes/ratings.ts';
import { registerReasoningRoutes } from './routes/reasoning.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerStandardsRoutes } from './routes/standards.ts';

export interface AppDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger | false;
  bodyLimit: number;
  sessionHours: number;
  secureCookies: boolean;
  /** Where the built console lives; omitted in API-only tests. */
  consoleDir?: string | false;
  /** Case-based reasoning (src/reasoning/service.ts); its routes exist only when it is given. */
  reasoning?: import('../reasoning/service.ts').ReasoningService;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes open without a token: health checks and API docs. */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    /** Set when the caller uses the console's session cookie. */
    session: { csrfToken: string; expiresAt: Date } | undefined;
    /** The use-case context for this request's actor. */
    ctx(): CommandContext;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger || undefined,
    logger: deps.logger ? undefined : false,
    bodyLimit: deps.bodyLimit,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Casebook API', version: '1', description: 'One customer record, every conversation.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'cb_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Open event streams are ended before close, or close would wait on them forever.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  const authenticate = createAuthenticator(deps.db);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', undefined);
  app.decorateRequest('ctx', function (this: { actor: Actor; id: string }) {
    return { db: deps.db, actor: this.actor, clock: deps.clock, events: deps.events, requestId: this.id };
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.routeOptions.config?.public || !request.url.startsWith('/api/v1/')) return;
    if (request.url.startsWith('/api/v1/auth/login')) return;
    const who = await authenticate(request);
    request.actor = who.actor;
    request.session = who.session;
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error, request);
    if (problem.status >= 500) request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemFor({ statusCode: 404, code: 'FST_ERR_NOT_FOUND' }, request)),
  );

  const api = app.withTypeProvider<ZodTypeProvider>();
  registerHealthRoutes(api, deps);
  await app.register(
    async (v1) => {
      const z = v1.withTypeProvider<ZodTypeProvider>();
      registerAccessRoutes(z, deps);
      registerInboundRoutes(z);
      registerCaseRoutes(z);
      registerRatingRoutes(z);
      registerCustomerRoutes(z);
      registerSearchRoutes(z);
      registerAuditRoutes(z);
      registerDirectoryRoutes(z);
      registerAuthorityRoutes(z);
      registerStandardsRoutes(z);
      registerEventStream(z, deps, streams);
      if (deps.reasoning) registerReasoningRoutes(z, deps.reasoning);
    },
    { prefix: '/api/v1' },
  );
  if (deps.consoleDir !== false) await registerConsole(app, deps.consoleDir);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
