import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/core/ports.ts';
import type { Database } from '../../src/db/client.ts';
import { EventBus } from '../../src/events.ts';
import { buildApp } from '../../src/http/app.ts';
import { consoleDist } from '../../src/http/console.ts';
import { buildConsole, consoleBuildReason } from '../../src/http/console-build.ts';
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

/**
 * The console as built from the current sources: the global setup builds a missing one; a build
 * older than web/src is rebuilt here, one test process at a time (the others wait on a lock
 * file and then find it current).
 */
export async function ensureConsoleBuilt(): Promise<string> {
  if (!consoleBuildReason()) return consoleDist;
  const lock = `${consoleDist}.lock`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // A lock older than the deadline was left by a killed run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000)
        rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (consoleBuildReason()) await buildConsole();
  } finally {
    rmSync(lock, { force: true });
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

/**
 * The real app, console included, listening on a free loopback port. `consoleDir` serves a console
 * the test built itself instead of the shared web/dist.
 */
export async function startConsoleServer(
  db: Database,
  options: { reasoning?: boolean; consoleDir?: string } = {},
): Promise<ConsoleServer> {
  const consoleDir = options.consoleDir ?? (await ensureConsoleBuilt());
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
