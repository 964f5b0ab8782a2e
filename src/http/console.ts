import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const consoleDist = join(new URL('../../web/dist', import.meta.url).pathname);

/**
 * Serves the built console at `/`. Hashed assets are cached for a year; index.html is always
 * revalidated so a deploy is picked up on the next load. Unknown non-API paths get index.html
 * so client-side routes survive a reload.
 */
export async function registerConsole(app: FastifyInstance, distDir = consoleDist) {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Casebook</title><p>The console is not built. Run <code>npm run build:web</code>.</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        path.includes(`${join(distDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (
    _req: unknown,
    reply: { header(k: string, v: string): unknown; sendFile(f: string): unknown },
  ) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', { config: { public: true }, schema: { hide: true } }, sendIndex as never);
  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (req, reply) =>
    reply.sendFile(`assets/${(req.params as { '*': string })['*']}`),
  );
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    if (path.startsWith('api/')) return reply.callNotFound();
    if (/\.[a-z0-9]+$/i.test(path) && existsSync(join(distDir, path))) return reply.sendFile(path);
    return sendIndex(req, reply as never);
  });
}
