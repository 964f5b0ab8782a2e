import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { consoleDist } from './console.ts';

const webRoot = join(consoleDist, '..');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, entry)));
  return newest;
}

/** Why the console must be (re)built, or null when web/dist is current or there are no sources. */
export function consoleBuildReason(root = webRoot, dist = consoleDist): 'missing' | 'sources changed' | null {
  if (!existsSync(join(root, 'index.html'))) return null;
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  const sources = [join(root, 'src'), join(root, 'index.html'), join(root, 'vite.config.ts')];
  return sources.some((s) => existsSync(s) && newestSource(s) > built) ? 'sources changed' : null;
}

/**
 * Builds the console into a fresh directory and swaps it in, so a server (or a test) reading
 * web/dist never sees a half-written build, and two builders at once cannot mix their files.
 */
export async function buildConsole(): Promise<void> {
  const staging = `${consoleDist}.build-${process.pid}-${Date.now().toString(36)}`;
  const vite = await import('vite');
  try {
    await vite.build({
      root: webRoot,
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    rmSync(consoleDist, { recursive: true, force: true });
    renameSync(staging, consoleDist);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * `npm start` builds the console when it is missing or older than its sources, so the README's
 * two commands stay two and a pulled change is never served stale.
 */
export async function ensureConsoleBuilt(logger: Logger): Promise<void> {
  const reason = consoleBuildReason();
  if (!reason) return;
  logger.info({ reason }, 'building the web console');
  try {
    await buildConsole();
  } catch (err) {
    logger.warn({ err }, 'the console could not be built; the API still works');
  }
}
