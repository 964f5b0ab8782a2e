import { InvalidInput, NotFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import { loadOwnership, type OwnershipRow } from '../../db/repositories/standards-cases.ts';

/** The case's owner facts, its row locked for the change. */
export async function lockOwnership(tx: Executor, caseId: string): Promise<OwnershipRow> {
  const facts = await loadOwnership(tx, caseId, true);
  if (!facts) throw new NotFound('case', caseId);
  return facts;
}

/** Only an active person (not an integration) can own a case. */
export async function assertCanOwn(tx: Executor, agentId: string): Promise<void> {
  const agent = await loadAgent(tx, agentId);
  if (!agent) throw new NotFound('agent', agentId);
  if (!agent.active || agent.kind !== 'person' || agent.role === 'ingest') {
    throw new InvalidInput('case.invalid_owner', `Agent ${agentId} cannot own cases.`, { ownerId: agentId });
  }
}
