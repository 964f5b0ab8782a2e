import { InvalidInput, NotFound } from '../../core/errors.ts';
import {
  type ChecklistItem,
  type ChecklistResult,
  type CheckMark,
  evaluateChecklist,
  type InteractionStandard,
  standardForCategory,
} from '../../core/standards/index.ts';
import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  findInteractionStandards,
  saveInteractionStandard as persist,
} from '../../db/repositories/standards.ts';
import { findCheckMarks, insertCheckMark, loadChecklistCase } from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor } from './shared.ts';

export interface CaseChecklist {
  caseId: string;
  standard: InteractionStandard | null;
  marks: CheckMark[];
  result: ChecklistResult | null;
}

async function load(tx: Executor, caseId: string): Promise<CaseChecklist> {
  const found = await loadChecklistCase(tx, caseId);
  if (!found) throw new NotFound('case', caseId);
  const standard = standardForCategory(await findInteractionStandards(tx), found.category);
  const marks = await findCheckMarks(tx, caseId);
  const result = standard ? evaluateChecklist(standard, marks, { channel: found.channel }) : null;
  return { caseId, standard, marks, result };
}

/** The checklist the agent sees for the case's category, and what was followed so far. */
export async function getCaseChecklist(ctx: CommandContext, caseId: string): Promise<CaseChecklist> {
  authorize(ctx.actor, 'case.read');
  return load(ctx.db.db, caseId);
}

/** Ticks (done / not applicable) or clears one item; marks are append-only, the latest counts. */
export async function markChecklistItem(
  ctx: CommandContext,
  caseId: string,
  itemId: string,
  state: CheckMark['state'],
): Promise<CaseChecklist> {
  authorize(ctx.actor, 'case.update');
  const now = ctx.clock.now();
  const after = await ctx.db.transaction(async (tx) => {
    const current = await load(tx, caseId);
    if (!current.standard?.items.some((i) => i.id === itemId)) throw new NotFound('checklist_item', itemId);
    await insertCheckMark(tx, caseId, { itemId, state, by: ctx.actor.id, at: now.getTime() });
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'case.checklist_marked', entity: 'case', entityId: caseId, after: { itemId, state } },
    ]);
    return load(tx, caseId);
  });
  ctx.events.publish([
    {
      type: 'case.checklist_marked',
      actor: eventActor(ctx.actor),
      at: now,
      data: { caseId, itemId, state, complete: after.result?.complete ?? null },
    },
  ]);
  return after;
}

export async function saveInteractionStandard(
  ctx: CommandContext,
  category: string,
  items: ChecklistItem[],
): Promise<InteractionStandard> {
  authorize(ctx.actor, 'standards.manage');
  if (new Set(items.map((i) => i.id)).size !== items.length) {
    throw new InvalidInput('standards.duplicate_item', 'Each checklist item needs its own id.', {});
  }
  return ctx.db.transaction(async (tx) => {
    const saved = await persist(tx, category, items);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'interaction_standard.saved',
        entity: 'interaction_standard',
        entityId: saved.id,
        after: saved,
      },
    ]);
    return saved;
  });
}

export async function listInteractionStandards(ctx: CommandContext): Promise<InteractionStandard[]> {
  authorize(ctx.actor, 'directory.read');
  return findInteractionStandards(ctx.db.db);
}
