import type { Database, Executor } from '../../db/client.ts';
import { loadRoutingConfig } from '../../db/repositories/standards.ts';

type RoutingConfig = Awaited<ReturnType<typeof loadRoutingConfig>>;

const cached = new WeakMap<Database, { version: number; config: RoutingConfig }>();

/**
 * The routing configuration as of `version` (read with the case, in the same transaction). It is
 * reloaded only when the version moved, so routing a case costs no configuration query while
 * rules, teams and agents stay as they are (docs/decisions.md, "Routing keeps its configuration
 * in memory").
 */
export async function routingConfig(db: Database, tx: Executor, version: number): Promise<RoutingConfig> {
  const hit = cached.get(db);
  if (hit?.version === version) return hit.config;
  const config = await loadRoutingConfig(tx);
  cached.set(db, { version, config });
  return config;
}

/** The configuration this process last loaded, with its version (to check against a fresh read). */
export function cachedRoutingConfig(db: Database): { version: number; config: RoutingConfig } | undefined {
  return cached.get(db);
}
