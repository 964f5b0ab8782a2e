import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { consoleDist } from './console.ts';

const webRoot = join(consoleDist, '..');

/** `npm start` builds the console once if it is missing, so the README's two commands stay two. */
export async function ensureConsoleBuilt(logger: Logger): Promise<void> {
  if (existsSync(join(consoleDist, 'index.html')) || !existsSync(join(webRoot, 'index.html'))) return;
  logger.info('building the web console (first start)');
  try {
    const vite = await import('vite');
    await vite.build({ root: webRoot, configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  } catch (err) {
    logger.warn({ err }, 'the console could not be built; the API still works');
  }
}
