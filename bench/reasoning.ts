/**
 * Retrieval and retain speed of the reasoning engine on synthetic case bases built from the public
 * data sets (rows recombined within a category, so vocabulary and category mix stay realistic).
 *
 *   npx tsx bench/run.ts reasoning [--sizes 100000,1000000] [--queries 2000] [--seed 1]
 *   node --expose-gc --import tsx bench/run.ts reasoning …   (exact heap figures after a full GC)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'csv-parse/sync';
import { CaseBase } from '../src/core/reasoning/case-base.ts';
import { seededRandom } from '../src/core/reasoning/random.ts';

interface Row {
  text: string;
  label: string;
}

const data = new URL('../../shared/data/', import.meta.url);

function load(path: string, text: string, label: string): Row[] {
  const records = parse(readFileSync(new URL(path, data)), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return records
    .map((r) => ({ text: r[text] ?? '', label: r[label] ?? '' }))
    .filter((r) => r.text && r.label);
}

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** JS heap plus typed-array backing stores (postings live in the latter, outside heapUsed). */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

export async function run(args: string[]): Promise<void> {
  const sizes = flag(args, '--sizes', '100000,1000000')
    .split(',')
    .map((s) => Number(s.replace(/_/g, '')));
  const queryCount = Number(flag(args, '--queries', '2000'));
  const seed = Number(flag(args, '--seed', '1'));
  const exactHeap = typeof (globalThis as { gc?: unknown }).gc === 'function';

  const seedRows = [
    ...load('banking77/train.csv', 'text', 'category'),
    ...load('bitext-intent/train.csv', 'utterance', 'intent'),
    ...load('bitext-cs/messages-with-responses.csv', 'instruction', 'intent'),
  ];
  const queries = [
    ...load('banking77/test.csv', 'text', 'category'),
    ...load('bitext-intent/test.csv', 'utterance', 'intent'),
  ];
  const byLabel = new Map<string, string[][]>();
  for (const r of seedRows) {
    const words = r.text.split(/\s+/);
    const list = byLabel.get(r.label) ?? [];
    list.push(words);
    byLabel.set(r.label, list);
  }

  console.log(`$ npx tsx bench/run.ts reasoning ${args.join(' ')}`.trim());
  console.log(
    `node ${process.version}, seed rows ${seedRows.length}, query rows ${queries.length}, heap figures ${exactHeap ? 'after full GC' : 'without forced GC (run with --expose-gc for exact)'}`,
  );

  for (const size of sizes) {
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const labels = [...byLabel.keys()];
    const heapBefore = heapMb();
    const base = new CaseBase();
    const retainSamples: number[] = [];
    const buildStart = performance.now();
    for (let i = 0; i < size; i++) {
      // A synthetic case: the start of one message and the end of another with the same label,
      // sometimes with an order number, so texts vary but stay on topic.
      const label = pick(labels);
      const pool = byLabel.get(label)!;
      const a = pick(pool);
      const b = pick(pool);
      const cut = Math.max(1, Math.floor(a.length / 2));
      const words = [...a.slice(0, cut), ...b.slice(Math.floor(b.length / 2))];
      if (random() < 0.2) words.push(`#${Math.floor(random() * 1e9)}`);
      const record = { id: `s${i}`, text: words.join(' '), category: label, solution: { category: label } };
      if (i % 97 === 0) {
        const t = performance.now();
        base.retain(record);
        retainSamples.push(performance.now() - t);
      } else {
        base.retain(record);
      }
    }
    const buildMs = performance.now() - buildStart;
    const heapAfter = heapMb();

    // The classifier is trained on the original labelled rows, not the synthetic millions: it learns
    // categories, and training time grows with examples while retrieval cost does not.
    const trainStart = performance.now();
    const trainer = CaseBase.fromRecords(
      seedRows.map((r, i) => ({ id: `seed${i}`, text: r.text, solution: { category: r.label } })),
    );
    // Three epochs keep the benchmark short; retrieval cost does not depend on how well it was trained.
    base.setModel(trainer.train({ epochs: 3 }));
    const trainMs = performance.now() - trainStart;

    for (const q of queries.slice(0, 200)) base.retrieve({ text: q.text });
    const latencies: number[] = [];
    // CPU time of each query (process.cpuUsage): what the engine costs, without the time a busy shared
    // machine keeps it waiting for a core. Wall-clock figures include that wait.
    const cpu: number[] = [];
    let abstained = 0;
    for (let i = 0; i < queryCount; i++) {
      const q = queries[i % queries.length]!;
      const c = process.cpuUsage();
      const t = performance.now();
      const r = base.retrieve({ text: q.text }, { k: 5 });
      latencies.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (r.abstained) abstained++;
    }
    cpu.sort((x, y) => x - y);
    latencies.sort((x, y) => x - y);
    retainSamples.sort((x, y) => x - y);
    const line = {
      cases: size,
      retrieveP50Ms: round(percentile(latencies, 0.5)),
      retrieveP99Ms: round(percentile(latencies, 0.99)),
      retrieveMaxMs: round(latencies.at(-1) ?? 0),
      cpuP50Ms: round(percentile(cpu, 0.5)),
      cpuP99Ms: round(percentile(cpu, 0.99)),
      retainMeanMs: round(buildMs / size, 4),
      retainP99Ms: round(percentile(retainSamples, 0.99), 4),
      buildS: round(buildMs / 1000, 1),
      trainS: round(trainMs / 1000, 1),
      loadAverage: round(loadavg()[0] ?? 0, 2),
      heapMb: Math.round(heapAfter - heapBefore),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      queries: queryCount,
      abstainRate: round(abstained / queryCount, 3),
    };
    console.log(
      `${size.toLocaleString('en')} cases: retrieve p50 ${line.retrieveP50Ms} ms, p99 ${line.retrieveP99Ms} ms (max ${line.retrieveMaxMs}); CPU time p50 ${line.cpuP50Ms} ms, p99 ${line.cpuP99Ms} ms; ` +
        `retain mean ${line.retainMeanMs} ms, p99 ${line.retainP99Ms} ms; build ${line.buildS} s; index heap ${line.heapMb} MB; rss ${line.rssMb} MB`,
    );
    console.log(JSON.stringify(line));
  }
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
