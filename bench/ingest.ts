import { fork } from 'node:child_process';
import { flag, startBenchServer } from './support.ts';

/**
 * HTTP ingest through POST /api/v1/inbound over loopback. The load generator runs in its own
 * process so the server has the event loop to itself, as in production.
 *   npm run bench -- ingest [--messages 20000] [--concurrency 16] [--server postgres://…] [--reactions]
 * --reactions also runs what `npm start` runs after each commit: routing of new cases and
 * human-request detection.
 */
export async function run(args: string[]) {
  const messages = Number(flag(args, 'messages') ?? 20_000);
  const concurrency = Number(flag(args, 'concurrency') ?? 16);
  const serverUrl = flag(args, 'server');
  const withReactions = args.includes('--reactions');
  const server = await startBenchServer(serverUrl, { reactions: withReactions });
  try {
    const token = await server.token('ingest');
    const cpuBefore = process.cpuUsage();
    const result = await new Promise<Record<string, number>>((resolve, reject) => {
      const child = fork(new URL('./ingest-client.ts', import.meta.url).pathname, [], {
        execArgv: ['--import', 'tsx'],
      });
      child.on('message', (m) => resolve(m as Record<string, number>));
      child.on('error', reject);
      child.on('exit', (code) => code !== 0 && reject(new Error(`load client exited ${code}`)));
      child.send({ baseUrl: server.baseUrl, token, messages, concurrency });
    });
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `ingest on ${server.label}: ${messages} messages, concurrency ${concurrency}${withReactions ? ', with reactions' : ''}`,
    );
    console.log(
      `  server process CPU: ${((cpu.user + cpu.system) / 1000 / messages).toFixed(2)} ms per message`,
    );
    console.log(
      `  ${result.perSecond!.toFixed(0)} messages/s, p50 ${result.p50!.toFixed(1)} ms, p99 ${result.p99!.toFixed(1)} ms, max ${result.max!.toFixed(1)} ms, errors ${result.errors}`,
    );
    console.log(
      `  command: npm run bench -- ingest --messages ${messages} --concurrency ${concurrency}${serverUrl ? ` --server ${serverUrl}` : ''}${withReactions ? ' --reactions' : ''}`,
    );
  } finally {
    await server.close();
  }
}
