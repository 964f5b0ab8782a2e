import { Conflict, InvalidInput } from '../../core/errors.ts';
import type { EscalationLevel } from '../../core/standards/index.ts';
import {
  findEscalationPolicies,
  loadEscalationPolicy,
  saveEscalationPolicy as persist,
  type StoredEscalationPolicy,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';
import { saveAudited } from './shared.ts';

export interface EscalationPolicyInput {
  name: string;
  levels: EscalationLevel[];
  active: boolean;
}

function validate(levels: readonly EscalationLevel[]) {
  const seen = new Set<number>();
  for (const l of levels) {
    if (seen.has(l.level)) {
      throw new InvalidInput('standards.invalid_escalation', `Level ${l.level} appears twice.`, {
        level: l.level,
      });
    }
    seen.add(l.level);
  }
}

/** Creates (id null) or updates an escalation ladder: notify owner, then lead, then manager, re-assign. */
export async function saveEscalationPolicy(
  ctx: CommandContext,
  id: string | null,
  input: EscalationPolicyInput,
  expectedVersion?: number,
): Promise<StoredEscalationPolicy> {
  authorize(ctx.actor, 'standards.manage');
  validate(input.levels);
  return saveAudited(
    ctx,
    'escalation_policy',
    id,
    (tx, policyId) => loadEscalationPolicy(tx, policyId, true),
    (tx, before) => {
      if (before && expectedVersion !== undefined && before.version !== expectedVersion) {
        throw new Conflict('escalation_policy', expectedVersion, before.version);
      }
      return persist(tx, id, input);
    },
  );
}

export async function listEscalationPolicies(ctx: CommandContext): Promise<StoredEscalationPolicy[]> {
  authorize(ctx.actor, 'directory.read');
  return findEscalationPolicies(ctx.db.db);
}
