import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { systemClock } from './core/ports.ts';
import { openDatabase } from './db/client.ts';
import { EventBus } from './events.ts';
import { buildApp } from './http/app.ts';
import { ensureConsoleBuilt } from './http/console-build.ts';
import { defineSchedule } from './jobs/queue.ts';
import { bindJobDefinitions, jobSchedules } from './jobs/registry.ts';
import { startWorker } from './jobs/worker.ts';
import { startReactions } from './reactions.ts';
import { setReasoningJobTarget } from './reasoning/jobs.ts';
import { subscribeReasoning } from './reasoning/reactions.ts';
import { ReasoningService } from './reasoning/service.ts';

/** Composition root: config → database → HTTP; shutdown drains requests, then stops PostgreSQL. */
async function main() {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const dbLog = logger.child({ component: 'database' });
  const db = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    role: 'server',
    log: (level, message) => dbLog[level](message),
  });
  logger.info({ database: db.embedded ? `embedded (${config.dataDir})` : 'server' }, 'database ready');
  await ensureConsoleBuilt(logger);

  const events = new EventBus();
  // Case-based reasoning: the case base loads in the background; until then suggestions answer 503.
  const reasoningLog = logger.child({ component: 'reasoning' });
  const reasoning = new ReasoningService({
    db,
    log: (level, message, extra) => reasoningLog[level](extra ?? {}, message),
    ...(config.embeddingsModel ? { embeddingsModel: config.embeddingsModel } : {}),
  });
  subscribeReasoning(events, reasoning);
  setReasoningJobTarget(reasoning);
  void reasoning.start().catch(() => {});
  const app = await buildApp({
    db,
    clock: systemClock,
    events,
    reasoning,
    logger,
    bodyLimit: config.bodyLimit,
    sessionHours: config.sessionHours,
    secureCookies: config.production,
  });

  for (const schedule of jobSchedules) await defineSchedule(db.db, schedule);
  const jobLog = logger.child({ component: 'jobs' });
  const log = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) =>
    jobLog[level](extra ?? {}, message);
  const reactions = startReactions({ db, events, clock: systemClock, log });
  const worker = startWorker({
    db: db.db,
    definitions: bindJobDefinitions({ db, events, clock: systemClock, log }),
    log: (level, message, extra) => jobLog[level](extra ?? {}, message),
  });

  let stoppingSince = 0;
  const stop = async (signal: string) => {
    // Ctrl-C reaches us twice (from the terminal and relayed by npm/tsx); only a later one forces exit.
    if (stoppingSince) {
      if (Date.now() - stoppingSince < 3000) return;
      logger.warn('second signal: exiting without draining');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutting down: draining requests');
    try {
      await app.close();
      await worker.stop();
      await reasoning.stop();
      await reactions.stop();
      await db.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    void stop('uncaughtException');
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    logger.fatal({ err }, `cannot listen on ${config.host}:${config.port}`);
    await db.close();
    process.exit(1);
  }
}

main().catch((err: Error) => {
  const message = err instanceof ConfigError ? err.message : `Casebook failed to start: ${err.message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
