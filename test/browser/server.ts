import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/core/ports.ts';
import type { Database } from '../../src/db/client.ts';
import { EventBus } from '../../src/events.ts';
import { buildApp } from '../../src/http/app.ts';
import { consoleDist } from '../../src/http/console.ts';
import { subscribeReasoning } from '../../src/reasoning/reactions.ts';
import { ReasoningService } from '../../src/reasoning/service.ts';

export const CHROMIUM = process.env.CASEBOOK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const hasChromium = existsSync(CHROMIUM);

/** Builds the console once if web/dist is missing, the way `npm start` does. */
export async function ensureConsoleBuilt(): Promise<string> {
  if (!existsSync(join(consoleDist, 'index.html'))) {
    const root = join(consoleDist, '..');
    const vite = await import('vite');
    await vite.build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  return consoleDist;
}

export interface ConsoleServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
  /** Present when started with `{reasoning: true}`: await `idle()` after resolving cases. */
  reasoning?: ReasoningService;
}

/** The real app, console included, listening on a free loopback port. */
export async function startConsoleServer(
  db: Database,
  options: { reasoning?: boolean } = {},
): Promise<ConsoleServer> {
  const consoleDir = await ensureConsoleBuilt();
  const events = new EventBus();
  // Case-based reasoning (suggestions) on request, trained inline so a test sees resolved cases at once.
  const reasoning = options.reasoning
    ? new ReasoningService({ db, trainer: 'inline', syncEverySeconds: 0, catalogue: false })
    : undefined;
  if (reasoning) {
    subscribeReasoning(events, reasoning);
    await reasoning.start();
  }
  const app = await buildApp({
    db,
    clock: systemClock,
    events,
    ...(reasoning ? { reasoning } : {}),
    logger: false,
    bodyLimit: 1_048_576,
    sessionHours: 8,
    secureCookies: false,
    consoleDir,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await reasoning?.stop();
    },
    ...(reasoning ? { reasoning } : {}),
  };
}
