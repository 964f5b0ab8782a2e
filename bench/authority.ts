/**
 * How long one authority decision takes with 1,000 rules in force (target: p99 < 1 ms).
 * Rules are spread over action types and scopes the way a large installation would have them,
 * several with older versions, so the index and the version lookup are both exercised.
 */
import { performance } from 'node:perf_hooks';
import type { ActionRequest } from '../src/core/authority/catalogue.ts';
import { evaluateAction, usageWindowsFor } from '../src/core/authority/evaluate.ts';
import { indexRules } from '../src/core/authority/rule-index.ts';
import type { AuthorityRule } from '../src/core/authority/rules.ts';
import { buildAgent, buildCustomer, buildRule, catalogue, eur } from '../src/core/authority/testing.ts';
import type { UsageSums } from '../src/core/authority/usage.ts';

const MONEY_TYPES = ['goodwill_credit', 'refund', 'fee_waiver', 'replacement', 'warranty_exchange'];
const COUNT_TYPES = ['upgrade', 'expedited_shipping', 'callback_promise'];
const ROLES = ['agent', 'senior', 'lead', 'manager'];

// A fixed-seed generator keeps runs comparable.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function buildRules(count: number, rand: () => number): AuthorityRule[] {
  const rules: AuthorityRule[] = [];
  let distinct = 0;
  for (let i = 0; distinct < count; i++) {
    const actionType = pick(rand, [...MONEY_TYPES, ...COUNT_TYPES]);
    const money = MONEY_TYPES.includes(actionType);
    const shape = rand();
    const scope =
      shape < 0.55
        ? { agentId: `a-${Math.floor(rand() * 500)}` }
        : shape < 0.75
          ? { teamId: `t-${Math.floor(rand() * 50)}` }
          : shape < 0.87
            ? { siteId: `s-${Math.floor(rand() * 10)}`, role: pick(rand, ROLES) }
            : shape < 0.95
              ? { siteId: `s-${Math.floor(rand() * 10)}` }
              : { role: pick(rand, ROLES) };
    const base = buildRule({
      id: `r-${i}`,
      actionType,
      scope,
      conditions: rand() < 0.3 ? { minLifetimeValue: eur('500.00 EUR'), maxOpenProblems: 3 } : {},
      limits: money
        ? {
            perAction: eur(`${50 + Math.floor(rand() * 200)}.00 EUR`),
            perCustomer: { periodDays: 30, maxAmount: eur('500.00 EUR') },
            perAgentDay: { maxAmount: eur('1000.00 EUR') },
          }
        : { perAgentDay: { maxActions: 10 }, perCustomer: { periodDays: 30, maxActions: 2 } },
    });
    distinct++;
    // One rule in five has been edited: its superseded version stays in the store beside the one in force.
    if (rand() < 0.2) {
      rules.push(base, { ...base, version: 2, effectiveFrom: new Date('2026-02-01T00:00:00Z') });
    } else {
      rules.push(base);
    }
  }
  return rules;
}

function requestFor(actionType: string, i: number): ActionRequest {
  const params: Record<string, unknown> = MONEY_TYPES.includes(actionType)
    ? {
        goodwill_credit: { amount: `${i % 300}.50 EUR`, reason: 'Late delivery' },
        refund: { amount: `${i % 300}.50 EUR`, reason: 'Late delivery', order: 'o-1' },
        fee_waiver: { amount: `${i % 300}.50 EUR`, reason: 'First time', fee: 'delivery' },
        replacement: { amount: `${i % 300}.50 EUR`, product: 'p-1', reason: 'Broken', cause: 'defective' },
        warranty_exchange: { amount: `${i % 300}.50 EUR`, product: 'p-1', fault: 'No power' },
      }[actionType]!
    : {
        upgrade: { product: 'p-1', to: 'plus', reason: 'Outage' },
        expedited_shipping: { order: 'o-1', reason: 'Birthday gift' },
        callback_promise: { window: 'today 16-18h' },
      }[actionType]!;
  return { actionType, customerId: `c-${i % 97}`, params };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(label: string, iterations: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(2_000, iterations); i++) fn(i); // warm-up, lets the JIT settle
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn(i);
    samples[i] = performance.now() - t;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `${label.padEnd(50)} n=${iterations}  p50 ${us(percentile(sorted, 50))}  p99 ${us(percentile(sorted, 99))}  max ${us(sorted.at(-1)!)}  mean ${us(mean)}`,
  );
}

export async function run(args: string[]): Promise<void> {
  const ruleCount = Number(args[0] ?? 1000);
  const iterations = Number(args[1] ?? 20_000);
  const rand = lcg(42);
  const rules = buildRules(ruleCount, rand);
  const book = indexRules(rules);
  const now = new Date('2026-03-10T14:00:00Z');
  const usage: UsageSums = {
    customerInPeriod: { amount: eur('120.00 EUR'), actions: 1 },
    agentToday: { amount: eur('300.00 EUR'), actions: 3 },
  };
  const agents = Array.from({ length: 500 }, (_, i) =>
    buildAgent({
      id: `a-${i}`,
      role: ROLES[i % ROLES.length]!,
      teamId: `t-${i % 50}`,
      siteId: `s-${i % 10}`,
      timeZone: ['Europe/Paris', 'America/New_York', 'Asia/Kolkata'][i % 3]!,
    }),
  );
  const customer = buildCustomer({ lifetimeValue: eur('800.00 EUR') });
  const types = [...MONEY_TYPES, ...COUNT_TYPES];
  const requests = Array.from({ length: 1000 }, (_, i) => requestFor(types[i % types.length]!, i));
  const outcomes = { allowed: 0, needs_approval: 0, denied: 0 };

  console.log(`$ npx tsx bench/run.ts authority ${ruleCount} ${iterations}`);
  console.log(
    `node ${process.version}, ${book.versionsById.size} rules in force (${rules.length} versions stored), ${agents.length} agents`,
  );
  measure('evaluateAction (prebuilt RuleBook)', iterations, (i) => {
    const ctx = { agent: agents[i % agents.length]!, customer, catalogue, rules: book, usage };
    outcomes[evaluateAction(requests[i % requests.length]!, ctx, now).outcome]++;
  });
  measure('usageWindowsFor + evaluateAction', iterations, (i) => {
    const ctx = { agent: agents[i % agents.length]!, customer, catalogue, rules: book, usage };
    const request = requests[i % requests.length]!;
    usageWindowsFor(request, ctx, now);
    evaluateAction(request, ctx, now);
  });
  measure('evaluateAction (rules as array, indexed per call)', Math.min(iterations, 2_000), (i) => {
    const ctx = { agent: agents[i % agents.length]!, customer, catalogue, rules, usage };
    evaluateAction(requests[i % requests.length]!, ctx, now);
  });
  console.log(
    `outcomes of the first measurement, warm-up included: allowed ${outcomes.allowed}, needs_approval ${outcomes.needs_approval}, denied ${outcomes.denied}`,
  );
}
