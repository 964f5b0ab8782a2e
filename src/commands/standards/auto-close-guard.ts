import { NotFound } from '../../core/errors.ts';
import { type AutoCloseDecision, canAutoClose } from '../../core/standards/index.ts';
import type { Executor } from '../../db/client.ts';
import { loadAutoCloseFacts } from '../../db/repositories/standards-cases.ts';

/**
 * Ask before any automation closes or resolves a case: a customer who asked for a person (the
 * flag, or any of their messages) is owed one, so automation may suggest closing, a human closes.
 */
export async function mayAutoClose(db: Executor, caseId: string): Promise<AutoCloseDecision> {
  const facts = await loadAutoCloseFacts(db, caseId);
  if (!facts) throw new NotFound('case', caseId);
  return canAutoClose(facts);
}
