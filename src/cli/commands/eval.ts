import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tuneAbstention } from '../../core/reasoning/abstention.ts';
import { tuneClassifierShare } from '../../core/reasoning/calibration.ts';
import { CaseBase, DEFAULT_CLASSIFIER_SHARE, DEFAULT_SUPPORT_MIX } from '../../core/reasoning/case-base.ts';
import { seededRandom, shuffled } from '../../core/reasoning/random.ts';
import { type CliIo, EXIT } from '../io.ts';

/**
 * `casebook eval`: replays a labelled CSV data set through the real engine. Each training row is
 * retained as a resolved case whose category is its label; each test row is a query. Rows whose label
 * never occurs in training are out of scope, and the right answer for them is "no similar case".
 */
const USAGE =
  'usage: casebook eval --train FILE --test FILE --text-column C --label-column L [--json] [--k N] [--abstain-below X] [--max-false-abstain R] [--hold-out-labels N] [--seed N]';

interface Flags {
  train: string;
  test: string;
  textColumn: string;
  labelColumn: string;
  json: boolean;
  k: number;
  abstainBelow?: number;
  maxFalseAbstain: number;
  seed: number;
  holdOutLabels: number;
}

interface Row {
  text: string;
  label: string;
}

export interface EvalReport {
  /** Accuracy of the ranked categories on in-scope rows; abstention is scored separately below. */
  top1: number;
  top3: number;
  top5: number;
  abstainRate: number;
  abstainPrecision: number;
  abstainRecall: number;
  p50Ms: number;
  p99Ms: number;
  cases: number;
  /** Accuracy of the ranked categories ignoring abstention (what a closed-set classifier reports). */
  /** Strict accuracy: an in-scope row the engine abstained on counts as a miss. */
  answeredTop1: number;
  answeredTop3: number;
  answeredTop5: number;
  testRows: number;
  outOfScopeRows: number;
  abstainBelow: number;
}

export async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv);
  if (typeof flags === 'string') {
    io.err(`${flags} — ${USAGE}`);
    return EXIT.usage;
  }
  let train: Row[];
  let test: Row[];
  try {
    train = await loadRows(resolvePath(io, flags.train), flags);
    test = await loadRows(resolvePath(io, flags.test), flags);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return EXIT.usage;
    }
    io.err(
      `cannot read the data set: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return EXIT.domainError;
  }
  if (flags.holdOutLabels > 0) {
    // Simulates problems the case base has never seen: their test rows become out of scope.
    const labels = shuffled([...new Set(train.map((r) => r.label))].sort(), seededRandom(flags.seed + 1));
    const dropped = new Set(labels.slice(0, flags.holdOutLabels));
    train = train.filter((r) => !dropped.has(r.label));
    if (!flags.json) io.out(`held out of training: ${[...dropped].sort().join(', ')}`);
  }
  if (train.length === 0 || test.length === 0) {
    io.err(`${train.length === 0 ? flags.train : flags.test} has no labelled rows`);
    return EXIT.domainError;
  }

  let rule: Tuning = {
    threshold: flags.abstainBelow ?? 0,
    mix: DEFAULT_SUPPORT_MIX,
    share: DEFAULT_CLASSIFIER_SHARE,
  };
  if (flags.abstainBelow === undefined) {
    const tuning = calibrate(train, flags);
    rule = tuning;
    if (!flags.json) {
      io.out(
        `calibration: classifier share ${tuning.share}; abstain below support ${tuning.threshold.toFixed(3)} with mix ${tuning.mix} (held-out: ${pct(tuning.falseAbstainRate)} of answerable turned away, ${pct(tuning.outOfScopeRecall)} of unknown caught)`,
      );
    }
  }
  const abstainBelow = rule.threshold;
  const base = buildBase(train, rule);
  const report = replay(base, train, test, flags.k, abstainBelow);
  if (!flags.json) {
    io.out(`cases ${report.cases}, test rows ${report.testRows} (${report.outOfScopeRows} out of scope)`);
    io.out(
      `top-1 ${pct(report.top1)}  top-3 ${pct(report.top3)}  top-5 ${pct(report.top5)}  (in-scope rows, ranked categories)`,
    );
    io.out(
      `strict (abstaining on an in-scope row counts as a miss): top-1 ${pct(report.answeredTop1)}  top-3 ${pct(report.answeredTop3)}  top-5 ${pct(report.answeredTop5)}`,
    );
    io.out(
      `no similar case: rate ${pct(report.abstainRate)}  precision ${pct(report.abstainPrecision)}  recall ${pct(report.abstainRecall)}`,
    );
    io.out(`retrieval latency p50 ${report.p50Ms.toFixed(2)} ms  p99 ${report.p99Ms.toFixed(2)} ms`);
  }
  const { top1, top3, top5, abstainRate, abstainPrecision, abstainRecall, p50Ms, p99Ms, cases } = report;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  io.out(
    JSON.stringify({
      top1: round(top1),
      top3: round(top3),
      top5: round(top5),
      abstainRate: round(abstainRate),
      abstainPrecision: round(abstainPrecision),
      abstainRecall: round(abstainRecall),
      p50Ms: round(p50Ms),
      p99Ms: round(p99Ms),
      cases,
      answeredTop1: round(report.answeredTop1),
      answeredTop3: round(report.answeredTop3),
      answeredTop5: round(report.answeredTop5),
      testRows: report.testRows,
      outOfScopeRows: report.outOfScopeRows,
      abstainBelow: round(abstainBelow),
      supportMix: rule.mix,
      classifierShare: rule.share,
    }),
  );
  return EXIT.ok;
}

class UsageError extends Error {}

function parseFlags(argv: string[]): Flags | string {
  const values = new Map<string, string>();
  let json = false;
  const valued = [
    '--train',
    '--test',
    '--text-column',
    '--label-column',
    '--k',
    '--abstain-below',
    '--max-false-abstain',
    '--seed',
    '--hold-out-labels',
  ];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (!valued.includes(name!)) return `unknown option ${arg}`;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return `${name} needs a value`;
    values.set(name!, value);
  }
  for (const required of ['--train', '--test', '--text-column', '--label-column']) {
    if (!values.has(required)) return `missing ${required}`;
  }
  const k = Number(values.get('--k') ?? '5');
  if (!Number.isInteger(k) || k < 1) return '--k must be a positive integer';
  const abstainRaw = values.get('--abstain-below');
  const abstainBelow = abstainRaw === undefined ? undefined : Number(abstainRaw);
  if (abstainBelow !== undefined && !(abstainBelow >= 0 && abstainBelow <= 1))
    return '--abstain-below must be between 0 and 1';
  const maxFalseAbstain = Number(values.get('--max-false-abstain') ?? '0.05');
  if (!(maxFalseAbstain >= 0 && maxFalseAbstain <= 1)) return '--max-false-abstain must be between 0 and 1';
  const holdOutLabels = Number(values.get('--hold-out-labels') ?? '0');
  if (!Number.isInteger(holdOutLabels) || holdOutLabels < 0)
    return '--hold-out-labels must be a whole number';
  const seed = Number(values.get('--seed') ?? '7');
  if (!Number.isInteger(seed)) return '--seed must be an integer';
  return {
    train: values.get('--train')!,
    test: values.get('--test')!,
    textColumn: values.get('--text-column')!,
    labelColumn: values.get('--label-column')!,
    json,
    k,
    abstainBelow,
    maxFalseAbstain,
    seed,
    holdOutLabels,
  };
}

function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

async function loadRows(path: string, flags: Flags): Promise<Row[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${path}`);
    throw error;
  }
  const records = parse(content, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const first = records[0];
  for (const column of [flags.textColumn, flags.labelColumn]) {
    if (first && !(column in first)) {
      throw new UsageError(`${path} has no column "${column}" (columns: ${Object.keys(first).join(', ')})`);
    }
  }
  return records
    .map((r) => ({ text: r[flags.textColumn] ?? '', label: (r[flags.labelColumn] ?? '').trim() }))
    .filter((r) => r.text.trim() !== '' && r.label !== '');
}

interface Tuning {
  threshold: number;
  mix: number;
  share: number;
}

function buildBase(rows: readonly Row[], rule: Tuning): CaseBase {
  const base = new CaseBase({
    abstainBelow: rule.threshold,
    supportMix: rule.mix,
    classifierShare: rule.share,
  });
  rows.forEach((row, i) => {
    base.retain({ id: `train-${i}`, text: row.text, category: row.label, solution: { category: row.label } });
  });
  base.setModel(base.train());
  return base;
}

/**
 * Tunes the threshold on the training file alone: a fifth of its labels are held out as "unknown
 * problems", a tenth of the remaining rows as answerable queries, and the rest form a calibration
 * case base. The test file is never looked at.
 */
function calibrate(train: readonly Row[], flags: Flags) {
  const random = seededRandom(flags.seed);
  const labels = shuffled([...new Set(train.map((r) => r.label))].sort(), random);
  const heldOut = new Set(labels.length >= 5 ? labels.slice(0, Math.round(labels.length / 5)) : []);
  const known = shuffled(
    train.filter((r) => !heldOut.has(r.label)),
    random,
  );
  const queryCount = Math.min(1000, Math.max(1, Math.round(known.length / 10)));
  const inScopeQueries = known.slice(0, queryCount);
  const calibrationBase = buildBase(known.slice(queryCount), {
    threshold: 0,
    mix: DEFAULT_SUPPORT_MIX,
    share: DEFAULT_CLASSIFIER_SHARE,
  });
  const calibrationLabels = new Set(known.slice(queryCount).map((r) => r.label));
  const blend = tuneClassifierShare(
    calibrationBase,
    inScopeQueries
      .filter((r) => calibrationLabels.has(r.label))
      .map((r) => ({ text: r.text, category: r.label })),
  );
  calibrationBase.configure({ classifierShare: blend.share });
  const outQueries = shuffled(
    train.filter((r) => heldOut.has(r.label)),
    random,
  ).slice(0, 1000);
  const sample = (r: Row, inScope: boolean) => {
    const { confidence, closeness } = calibrationBase.retrieve({ text: r.text });
    return { confidence, closeness, inScope };
  };
  const samples = [
    ...inScopeQueries.map((r) => sample(r, calibrationLabels.has(r.label))),
    ...outQueries.map((r) => sample(r, false)),
  ];
  return { ...tuneAbstention(samples, { maxFalseAbstain: flags.maxFalseAbstain }), share: blend.share };
}

function replay(
  base: CaseBase,
  train: readonly Row[],
  test: readonly Row[],
  k: number,
  abstainBelow: number,
): EvalReport {
  const trainLabels = new Set(train.map((r) => r.label));
  let inScope = 0;
  let outOfScope = 0;
  let hit1 = 0;
  let hit3 = 0;
  let hit5 = 0;
  let answered1 = 0;
  let answered3 = 0;
  let answered5 = 0;
  let abstained = 0;
  let abstainedOut = 0;
  const latencies: number[] = [];
  // Warm the JIT on training rows so the latency figures describe a running server, not start-up.
  for (const row of train.slice(0, 200)) base.retrieve({ text: row.text }, { k });
  for (const row of test) {
    const started = performance.now();
    const result = base.retrieve({ text: row.text }, { k });
    latencies.push(performance.now() - started);
    const isInScope = trainLabels.has(row.label);
    if (result.abstained) {
      abstained++;
      if (!isInScope) abstainedOut++;
    }
    if (!isInScope) {
      outOfScope++;
      continue;
    }
    inScope++;
    const rank = result.categories.findIndex((c) => c.category === row.label);
    if (rank < 0) continue;
    if (rank < 1) hit1++;
    if (rank < 3) hit3++;
    if (rank < 5) hit5++;
    if (result.abstained) continue;
    if (rank < 1) answered1++;
    if (rank < 3) answered3++;
    if (rank < 5) answered5++;
  }
  latencies.sort((a, b) => a - b);
  const frac = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    top1: frac(hit1, inScope),
    top3: frac(hit3, inScope),
    top5: frac(hit5, inScope),
    abstainRate: frac(abstained, test.length),
    abstainPrecision: frac(abstainedOut, abstained),
    abstainRecall: frac(abstainedOut, outOfScope),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cases: base.size,
    answeredTop1: frac(answered1, inScope),
    answeredTop3: frac(answered3, inScope),
    answeredTop5: frac(answered5, inScope),
    testRows: test.length,
    outOfScopeRows: outOfScope,
    abstainBelow,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
