import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { decideOfferRuleCreate, decideOfferRuleRetire, type ResolvedCase } from '../core/reasoning/index.ts';
import type { Database } from '../db/client.ts';
import { insertOfferRuleVersion } from '../db/repositories/offer-rules.ts';
import {
  buildResolvedCase,
  incrementCaseFeedback,
  loadSuggestionContext,
  mergeCaseBaseOutcome,
  type SuggestionContext,
  saveReasoningSettings,
  upsertCaseBaseRecord,
} from '../db/repositories/reasoning.ts';
import { rows, sql } from '../db/sql.ts';
import { writeModelDir } from './embeddings/onnx-model.test-support.ts';
import { reasoningRetrainJob, setReasoningJobTarget } from './jobs.ts';
import { ReasoningService } from './service.ts';

let db: Database & { drop(): Promise<void> };
const services: ReasoningService[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const s of services) await s.stop();
  await db.drop();
});

function service(options: Partial<ConstructorParameters<typeof ReasoningService>[0]> = {}) {
  const s = new ReasoningService({
    db,
    trainer: 'inline',
    syncEverySeconds: 0,
    catalogue: false,
    ...options,
  });
  services.push(s);
  return s;
}

const TOPICS = [
  ['billing', 'I was charged twice for my order, please refund the duplicate payment'],
  ['delivery', 'my parcel has not arrived and the tracking has not moved'],
  ['account_access', 'the password reset email never arrives and I am locked out'],
] as const;

/** Cases rows to hang case-base rows on (case_base.case_id references cases). */
async function makeCases(n: number): Promise<string[]> {
  const [customer] = await rows<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Synthetic Customer') returning id`,
  );
  const made = await rows<{ id: string }>(
    db.db,
    sql`insert into cases (customer_id, channel, subject, status)
        select ${customer!.id}, 'email', 'synthetic ' || g, 'resolved' from generate_series(1, ${n}) g
        returning id`,
  );
  return made.map((r) => r.id);
}

function record(id: string, i: number): ResolvedCase {
  const [category, text] = TOPICS[i % TOPICS.length]!;
  return {
    id,
    text: `${text} (${i})`,
    channel: 'email',
    category,
    solution: { category, reply: `Reply for ${category}.` },
  };
}

describe('ReasoningService', () => {
  it('converges across processes: rows one writes, the other picks up at its next sync, without re-indexing feedback', async () => {
    const a = service();
    const b = service();
    await Promise.all([a.start(), b.start()]);
    const ids = await makeCases(6);
    const written = await db.transaction(async (tx) => {
      const out = [];
      for (let i = 0; i < ids.length; i++) out.push(await upsertCaseBaseRecord(tx, record(ids[i]!, i)));
      return out;
    });
    a.applyRows(written);
    expect(a.status().cases).toBe(6);
    expect(b.status().cases).toBe(0);
    await b.sync();
    expect(b.status().cases).toBe(6);

    const credited = await db.transaction((tx) => incrementCaseFeedback(tx, [ids[0]!], 'accepted'));
    const outcome = await db.transaction((tx) => mergeCaseBaseOutcome(tx, [ids[1]!], { reopened: true }));
    a.applyRows([...credited, ...outcome]);
    a.applyRows([...credited, ...outcome]); // applying the same rows again changes nothing
    await b.sync();
    await b.sync();
    for (const s of [a, b]) {
      expect(s.status()).toMatchObject({ cases: 6, tombstones: 0 });
    }
    const [row] = await rows<{ record: ResolvedCase }>(
      db.db,
      sql`select record from case_base where case_id = ${ids[0]!}`,
    );
    expect(row!.record.feedback).toEqual({ accepted: 1, edited: 0, rejected: 0 });

    // A changed solution is retained again (re-indexed) everywhere.
    const changed = await db.transaction((tx) =>
      upsertCaseBaseRecord(tx, { ...record(ids[2]!, 2), text: 'a completely new wording of the problem' }),
    );
    a.applyRows([changed]);
    await b.sync();
    expect(b.status()).toMatchObject({ cases: 6, tombstones: 1 });
    // feedback survives a re-resolution (upsert keeps it)
    const again = await db.transaction((tx) => upsertCaseBaseRecord(tx, record(ids[0]!, 0)));
    expect(again.record.feedback).toEqual({ accepted: 1, edited: 0, rejected: 0 });
  });

  it('applies settings another process saved, and retrains every process when the job asks', async () => {
    const a = service();
    const b = service();
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.idle(), b.idle()]);
    const admin = await rows<{ id: string }>(db.db, sql`select id from agents limit 1`);
    const agentId =
      admin[0]?.id ??
      (
        await rows<{ id: string }>(
          db.db,
          sql`insert into agents (name, email, role) values ('Admin', 'admin-r@example.com', 'admin') returning id`,
        )
      )[0]!.id;
    const saved = await db.transaction((tx) =>
      saveReasoningSettings(
        tx,
        { weights: { product: 0.7 }, abstainBelow: 0.5, supportMix: null, classifierShare: null },
        agentId,
      ),
    );
    a.applySettings(saved);
    expect(a.effective()).toMatchObject({ abstainBelow: 0.5, weights: { product: 0.7 } });
    expect(b.effective().abstainBelow).toBe(0.35);
    await b.sync();
    expect(b.effective()).toMatchObject({ abstainBelow: 0.5, weights: { product: 0.7 } });

    const before = b.status().model?.trainedAt;
    setReasoningJobTarget(a);
    await reasoningRetrainJob.handle({}, { id: 1, attempt: 1 });
    await reasoningRetrainJob.handle({}, { id: 1, attempt: 2 }); // a job may run twice
    await a.idle();
    await new Promise((r) => setTimeout(r, 5));
    await b.sync();
    await b.idle();
    expect(b.status().model?.trainedAt).not.toBe(before);
    expect(b.status().model?.categories).toBe(3);
    setReasoningJobTarget(undefined);
  });

  it('trains in a worker thread without stalling the event loop', async () => {
    const ids = await makeCases(1500);
    const records = ids.map((id, i) => record(id, i));
    await db.db.execute(
      sql`insert into case_base (case_id, record)
          select (r->>'id')::uuid, r from jsonb_array_elements(${JSON.stringify(records)}::jsonb) r`,
    );
    const s = service({ trainer: 'worker' });
    await s.start();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await s.retrain();
    delay.disable();
    const status = s.status();
    expect(status.model?.examples).toBeGreaterThanOrEqual(1500);
    // Training 1.5k cases takes far longer than this on the main thread; the loop stays responsive.
    expect(delay.max / 1e6).toBeLessThan(250);
  });

  it('describes a case for the engine: problem text, channel, tier, product, actions taken, details to fill', async () => {
    const [id] = await makeCases(1);
    const [customer] = await rows<{ customerId: string }>(
      db.db,
      sql`select customer_id as "customerId" from cases where id = ${id!}`,
    );
    await db.db.execute(
      sql`insert into messages (case_id, customer_id, channel, direction, body)
          values (${id!}, ${customer!.customerId}, 'email', 'inbound', 'My parcel is late')`,
    );
    const [product] = await rows<{ id: string }>(
      db.db,
      sql`insert into products (sku, name) values ('KET-1', 'Kettle One') returning id`,
    );
    await db.db.execute(
      sql`insert into purchases (customer_id, product_id, order_number, purchased_at)
          values (${customer!.customerId}, ${product!.id}, 'A-55871', now() - interval '3 days')`,
    );
    const [agent] = await rows<{ id: string }>(
      db.db,
      sql`insert into agents (name, role) values ('Action Agent', 'agent') returning id`,
    );
    await db.db.execute(
      sql`insert into authority_actions (case_id, customer_id, agent_id, executed_by, action_type, params, basis, executed_at)
          values (${id!}, ${customer!.customerId}, ${agent!.id}, ${agent!.id}, 'send_replacement', '{}', 'allowed', now())`,
    );
    const context = await loadSuggestionContext(db.db, id!);
    expect(context).toMatchObject({
      caseId: id,
      query: {
        text: expect.stringContaining('My parcel is late'),
        channel: 'email',
        tier: 'standard',
        product: 'Kettle One',
      },
      customer: { name: 'Synthetic Customer', orderNumber: 'A-55871' },
      actionsTaken: ['send_replacement'],
    });
    const resolved = await db.transaction((tx) => buildResolvedCase(tx, id!));
    expect(resolved).toMatchObject({
      product: 'Kettle One',
      solution: { actions: ['send_replacement'] },
      outcome: { reopened: false, repeatContact7d: false },
    });
  });

  it('retains, after start, resolved cases that have no case-base row yet (e.g. loaded in bulk)', async () => {
    const [id] = await makeCases(1);
    const [c] = await rows<{ customerId: string }>(
      db.db,
      sql`select customer_id as "customerId" from cases where id = ${id!}`,
    );
    await db.db.execute(
      sql`insert into messages (case_id, customer_id, channel, direction, body)
          values (${id!}, ${c!.customerId}, 'email', 'inbound', 'The blender I bought stopped working')`,
    );
    const s = service({ backfill: true });
    await s.start();
    await s.idle();
    const [row] = await rows<{ record: ResolvedCase }>(
      db.db,
      sql`select record from case_base where case_id = ${id!}`,
    );
    expect(row!.record.text).toContain('The blender I bought stopped working');
    expect(await s.backfill()).toBe(0); // idempotent: nothing left to retain
  });

  it('tunes the abstention rule on held-out history at training; an admin setting takes precedence', async () => {
    const topics = {
      refunds: ['refund', 'charged', 'twice', 'money', 'back'],
      delivery: ['parcel', 'courier', 'tracking', 'late', 'arrived'],
      login: ['password', 'reset', 'locked', 'login', 'email'],
      warranty: ['broken', 'warranty', 'repair', 'stopped', 'working'],
      invoices: ['invoice', 'vat', 'receipt', 'company', 'address'],
      subscriptions: ['cancel', 'subscription', 'renewal', 'plan', 'monthly'],
    };
    const fillers = ['please', 'help', 'today', 'urgent', 'thanks', 'again', 'still', 'my', 'the', 'order'];
    const entries = Object.entries(topics);
    const ids = await makeCases(300);
    let seed = 1;
    const pick = <T>(xs: readonly T[]) => {
      seed = (seed * 48271) % 2147483647;
      return xs[seed % xs.length]!;
    };
    const records = ids.map((id, i) => {
      const [category, words] = entries[i % entries.length]!;
      const text = Array.from({ length: 6 }, (_, k) => (k % 2 ? pick(fillers) : pick(words))).join(' ');
      return { id, text, channel: 'email', category, solution: { category } };
    });
    await db.db.execute(
      sql`insert into case_base (case_id, record)
          select (r->>'id')::uuid, r from jsonb_array_elements(${JSON.stringify(records)}::jsonb) r
          on conflict (case_id) do nothing`,
    );
    await db.db.execute(
      sql`update reasoning_settings set weights = '{}', abstain_below = null, support_mix = null,
            classifier_share = null, version = version + 1`,
    );
    const s = service({ calibrate: true });
    await s.start();
    await s.idle();
    const calibration = s.status().calibration;
    expect(calibration).not.toBeNull();
    expect(calibration!.threshold).toBeGreaterThanOrEqual(0);
    expect(calibration!.threshold).toBeLessThanOrEqual(1);
    expect(calibration!.heldOutCategories).toBeGreaterThanOrEqual(1);
    expect(s.effective()).toMatchObject({
      abstainBelow: calibration!.threshold,
      supportMix: calibration!.mix,
      classifierShare: calibration!.share,
    });
    s.applySettings({
      weights: {},
      abstainBelow: 0.9,
      supportMix: null,
      classifierShare: null,
      version: 1_000,
      retrainRequestedAt: null,
      updatedBy: null,
      updatedAt: new Date(),
    });
    expect(s.effective()).toMatchObject({ abstainBelow: 0.9, supportMix: calibration!.mix });
  });

  it('picks up offer rules another process saved at its next sync, and drops retired ones', async () => {
    const s = service();
    await s.start();
    const [agent] = await rows<{ id: string; name: string }>(
      db.db,
      sql`insert into agents (name, role) values ('Offer Owner', 'lead') returning id, name`,
    );
    const v1 = decideOfferRuleCreate(
      randomUUID(),
      {
        offer: 'Free express shipping',
        rationale: 'Waiting too long',
        owner: agent!,
        conditions: { tiers: ['gold'] },
      },
      agent!,
      new Date(),
    );
    await db.transaction((tx) => insertOfferRuleVersion(tx, v1));
    expect(s.offerRules().map((r) => r.id)).not.toContain(v1.ruleId);
    await s.sync();
    expect(s.offerRules()).toContainEqual(expect.objectContaining({ id: v1.ruleId, owner: 'Offer Owner' }));
    const retired = decideOfferRuleRetire(v1, {
      editor: agent!,
      reason: 'Ended',
      expectedVersion: 1,
      at: new Date(),
    });
    await db.transaction((tx) => insertOfferRuleVersion(tx, retired));
    await s.sync();
    expect(s.offerRules().map((r) => r.id)).not.toContain(v1.ruleId);
  });

  it('warns in one line and carries on without the re-ranker when CASEBOOK_EMBEDDINGS_MODEL is not a model directory', async () => {
    const logged: string[] = [];
    const s = service({ embeddingsModel: '/models/minilm', log: (_l, m) => logged.push(m) });
    const warning = logged.find((m) => m.includes('CASEBOOK_EMBEDDINGS_MODEL'));
    expect(warning).toMatch(
      /ignored, continuing without the neural re-ranker \(nothing is downloaded\): .*minilm is not a directory/,
    );
    expect(warning).not.toContain('\n');
    await s.start();
    expect(s.status().reranker).toBeNull();
    const { suggestion } = await s.suggest(openCase('my parcel has not arrived'));
    expect(suggestion.cases.length).toBeGreaterThan(0);
  });

  it('re-ranks similar cases with a local ONNX sentence model run in a worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-minilm-'));
    try {
      // Every word of the synthetic topics maps to its topic's axis; anything else to zero.
      const words = ['parcel', 'arrived', 'tracking', 'charged', 'refund', 'password', 'locked'];
      const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', ...words];
      const axis: Record<string, number[]> = {
        parcel: [1, 0, 0],
        arrived: [1, 0, 0],
        tracking: [1, 0, 0],
        charged: [0, 1, 0],
        refund: [0, 1, 0],
        password: [0, 0, 1],
        locked: [0, 0, 1],
      };
      await writeModelDir(
        dir,
        vocab,
        vocab.map((t) => axis[t] ?? [0, 0, 0]),
        'hf',
      );
      const logged: string[] = [];
      const s = service({ embeddingsModel: dir, log: (_l, m) => logged.push(m), rerankBudgetMs: 5000 });
      expect(s.status().reranker).toMatchObject({ model: dir, state: 'loading' });
      await s.start();
      await vi.waitFor(() => expect(s.status().reranker?.state).toBe('ready'), { timeout: 20_000 });
      const { suggestion } = await s.suggest(openCase('my parcel has not arrived, where is the tracking?'));
      expect(suggestion.abstained).toBe(false);
      expect(s.status().reranker).toMatchObject({ reranked: 1, fellBack: 0, disabled: null });
      expect(s.status().reranker!.cached).toBeGreaterThan(0);
      expect(logged).toContain('reasoning: neural re-ranker ready');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('logs a corrupt model once and keeps answering with the engine alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-minilm-'));
    try {
      writeFileSync(join(dir, 'model.onnx'), 'this is not a model');
      writeFileSync(join(dir, 'vocab.txt'), ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'parcel'].join('\n'));
      const logged: string[] = [];
      const s = service({ embeddingsModel: dir, log: (_l, m) => logged.push(m) });
      await s.start();
      await vi.waitFor(() => expect(s.status().reranker?.state).toBe('failed'), { timeout: 20_000 });
      expect(logged.filter((m) => m.includes('CASEBOOK_EMBEDDINGS_MODEL ignored'))).toHaveLength(1);
      const { suggestion } = await s.suggest(openCase('my parcel has not arrived'));
      expect(suggestion.cases.length).toBeGreaterThan(0);
      expect(s.status().reranker).toMatchObject({ reranked: 0, disabled: expect.stringContaining('model') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

function openCase(text: string): SuggestionContext {
  return {
    caseId: randomUUID(),
    status: 'open',
    customerId: randomUUID(),
    query: { text, channel: 'email' },
    customer: {},
    actionsTaken: [],
  };
}
