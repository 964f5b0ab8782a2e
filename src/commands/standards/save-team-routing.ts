import { InvalidInput, NotFound } from '../../core/errors.ts';
import type { Team } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import { loadRoutingTeam, saveTeamRouting as persist, teamExists } from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';

/** A team's assignment strategy and its members in round-robin order. */
export async function saveTeamRouting(
  ctx: CommandContext,
  teamId: string,
  input: { strategy: Team['strategy']; memberIds: string[] },
): Promise<Team> {
  authorize(ctx.actor, 'standards.manage');
  if (new Set(input.memberIds).size !== input.memberIds.length) {
    throw new InvalidInput('standards.duplicate_member', 'Each agent can be listed once.', {});
  }
  return ctx.db.transaction(async (tx) => {
    if (!(await teamExists(tx, teamId))) throw new NotFound('team', teamId);
    for (const agentId of input.memberIds) {
      const agent = await loadAgent(tx, agentId);
      if (!agent) throw new NotFound('agent', agentId);
      if (!agent.active || agent.kind !== 'person' || agent.role === 'ingest') {
        throw new InvalidInput('standards.invalid_member', `Agent ${agentId} cannot take cases.`, {
          agentId,
        });
      }
    }
    const before = await loadRoutingTeam(tx, teamId);
    await persist(tx, teamId, input);
    const after = (await loadRoutingTeam(tx, teamId))!;
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'team.routing_changed', entity: 'team', entityId: teamId, before, after },
    ]);
    return after;
  });
}

export async function getTeamRouting(ctx: CommandContext, teamId: string): Promise<Team> {
  authorize(ctx.actor, 'directory.read');
  const team = await loadRoutingTeam(ctx.db.db, teamId);
  if (!team) throw new NotFound('team', teamId);
  return team;
}
