import { fork } from 'node:child_process';
import { rows, sql } from '../src/db/sql.ts';
import { datasetDir } from '../src/demo/datasets.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { flag, startBenchServer } from './support.ts';

/**
 * GET /api/v1/customers/:id after the demo seed, over loopback, from a separate load process.
 *   npm run bench -- customer-view [--customers 5000] [--messages 20000] [--requests 5000] [--concurrency 8] [--server URL]
 */
export async function run(args: string[]) {
  const customers = Number(flag(args, 'customers') ?? 5000);
  const messages = Number(flag(args, 'messages') ?? 20_000);
  const requests = Number(flag(args, 'requests') ?? 5000);
  const concurrency = Number(flag(args, 'concurrency') ?? 8);
  const serverUrl = flag(args, 'server');
  const server = await startBenchServer(serverUrl);
  try {
    const t0 = performance.now();
    await seedDemo(server.db, {
      seed: 1,
      customers,
      messages,
      dataDir: datasetDir(process.cwd()),
      now: new Date(),
    });
    console.log(
      `seeded ${customers} customers and ${messages} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    await server.db.db.execute(sql`analyze`);
    const ids = (
      await rows<{ id: string }>(server.db.db, sql`select id from customers where merged_into is null`)
    ).map((r) => r.id);
    const token = await server.token('agent');
    const cpuBefore = process.cpuUsage();
    const result = await new Promise<Record<string, number>>((resolve, reject) => {
      const child = fork(new URL('./get-client.ts', import.meta.url).pathname, [], {
        execArgv: ['--import', 'tsx'],
      });
      child.on('message', (m) => resolve(m as Record<string, number>));
      child.on('error', reject);
      child.send({
        urls: ids.map((id) => `${server.baseUrl}/api/v1/customers/${id}`),
        token,
        requests,
        concurrency,
      });
    });
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`customer view on ${server.label}: ${requests} requests, concurrency ${concurrency}`);
    console.log(
      `  server process CPU: ${((cpu.user + cpu.system) / 1000 / (requests + Math.min(500, requests))).toFixed(2)} ms per request`,
    );
    console.log(
      `  ${result.perSecond!.toFixed(0)} requests/s, p50 ${result.p50!.toFixed(1)} ms, p99 ${result.p99!.toFixed(1)} ms, errors ${result.errors}`,
    );
    console.log(
      `  command: npm run bench -- customer-view --requests ${requests} --concurrency ${concurrency}${serverUrl ? ` --server ${serverUrl}` : ''}`,
    );
  } finally {
    await server.close();
  }
}
