import type { Database } from '../../db/client.ts';
import {
  buildResolvedCase,
  type CaseBaseRow,
  markRepeatContacts,
  mergeCaseBaseOutcome,
  upsertCaseBaseRecord,
} from '../../db/repositories/reasoning.ts';

/**
 * Retain: a resolved case enters the case base with its problem, solution and outcome so far.
 * Idempotent (one row per case, upserted). Derived bookkeeping run by the system after the change
 * that caused it committed, so it is not audited itself: the status change already is.
 */
export async function retainResolvedCase(db: Database, caseId: string): Promise<CaseBaseRow | undefined> {
  return db.transaction(async (tx) => {
    const record = await buildResolvedCase(tx, caseId);
    if (!record?.text.trim()) return undefined;
    return upsertCaseBaseRecord(tx, record);
  });
}

/** Revise: a resolved case came back, so its fix did not stick. */
export async function markCaseReopened(db: Database, caseId: string): Promise<CaseBaseRow[]> {
  return db.transaction((tx) => mergeCaseBaseOutcome(tx, [caseId], { reopened: true }));
}

/** Revise: the customer's new case is a repeat contact for what they had resolved in the last 7 days. */
export async function markRepeatContact(db: Database, newCaseId: string): Promise<CaseBaseRow[]> {
  return db.transaction((tx) => markRepeatContacts(tx, newCaseId));
}
