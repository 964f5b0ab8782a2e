import type { Actor, Role } from '../../core/access/roles.ts';
import { InvalidInput } from '../../core/errors.ts';
import type { Database } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertAgent, insertToken, loadAgentByEmail } from '../../db/repositories/principals.ts';
import { hashToken, newSecret } from './secrets.ts';

export interface CreatedToken {
  token: string;
  tokenId: string;
  agentId: string;
}

/**
 * Creates an API token. With an agent email it acts as that person (capped at the role given);
 * without one, a named integration principal is created so the audit trail says who acted.
 * Runs from the CLI as the operator, so it takes the database rather than a request context.
 */
export async function createApiToken(
  db: Database,
  operator: Actor,
  input: { name: string; role: Role; agentEmail?: string },
): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name) throw new InvalidInput('token.name_required', 'A token needs a name.');
  const token = newSecret('cbk');
  return db.transaction(async (tx) => {
    let agentId: string;
    if (input.agentEmail) {
      const agent = await loadAgentByEmail(tx, input.agentEmail);
      if (!agent)
        throw new InvalidInput('token.unknown_agent', `There is no agent with email ${input.agentEmail}.`);
      agentId = agent.id;
    } else {
      const agent = await insertAgent(tx, {
        kind: input.role === 'ingest' ? 'integration' : 'person',
        name,
        email: null,
        role: input.role,
        teamId: null,
        siteId: null,
        timeZone: null,
      });
      agentId = agent.id;
    }
    const created = await insertToken(tx, {
      agentId,
      name,
      role: input.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
    });
    await appendAudit(tx, operator, undefined, [
      {
        action: 'token.created',
        entity: 'api_token',
        entityId: created.id,
        after: { name, role: input.role, agentId },
      },
    ]);
    return { token, tokenId: created.id, agentId };
  });
}
