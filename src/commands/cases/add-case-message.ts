import type { Case } from '../../core/cases/case.ts';
import type { CaseStatus } from '../../core/cases/case-status.ts';
import { type AgentMessageKind, decideAgentMessage } from '../../core/cases/decide-message.ts';
import type { Channel } from '../../core/channels.ts';
import { Conflict, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadCase, updateCase } from '../../db/repositories/cases.ts';
import { insertMessage, type Message } from '../../db/repositories/messages.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface AgentMessageInput {
  kind: AgentMessageKind;
  body: string;
  channel?: Channel;
  subject?: string;
  status?: CaseStatus;
  occurredAt?: Date;
  durationSeconds?: number;
  expectedVersion?: number;
}

const kindToStored = { reply: 'message', note: 'note', call: 'call', visit: 'visit' } as const;

/** A reply to the customer, an internal note, or a logged phone call or visit. */
export async function addCaseMessage(
  ctx: CommandContext,
  caseId: string,
  input: AgentMessageInput,
): Promise<{ message: Message; case: Case }> {
  authorize(ctx.actor, 'case.reply');
  const now = ctx.clock.now();
  const at = input.occurredAt ?? now;
  const result = await ctx.db.transaction(async (tx) => {
    const current = await loadCase(tx, caseId, true);
    if (!current) throw new NotFound('case', caseId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new Conflict('case', input.expectedVersion, current.version);
    }
    const changes = decideAgentMessage(current, ctx.actor, input.kind, at, input.status);
    const channel =
      input.channel ??
      (input.kind === 'call' ? 'phone' : input.kind === 'visit' ? 'in_person' : current.channel);
    const message = await insertMessage(tx, {
      caseId,
      customerId: current.customerId,
      siteId: current.siteId,
      channel,
      direction: input.kind === 'note' ? 'internal' : input.kind === 'reply' ? 'outbound' : 'inbound',
      kind: kindToStored[input.kind],
      authorId: ctx.actor.id,
      fromAddress: null,
      subject: input.subject ?? null,
      body: input.body,
      metadata: input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {},
      externalId: null,
      occurredAt: at,
    });
    const updated = await updateCase(tx, caseId, changes);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: `message.${input.kind === 'reply' ? 'sent' : `${input.kind}_logged`}`,
        entity: 'message',
        entityId: message.id,
        after: { caseId, kind: input.kind, channel },
      },
      ...(updated.status !== current.status || updated.ownerId !== current.ownerId
        ? [
            {
              action: 'case.updated',
              entity: 'case',
              entityId: caseId,
              before: { status: current.status, ownerId: current.ownerId },
              after: { status: updated.status, ownerId: updated.ownerId },
            },
          ]
        : []),
    ]);
    return { message, case: updated, before: current };
  });
  ctx.events.publish([
    {
      type: `message.${input.kind === 'reply' ? 'sent' : 'logged'}`,
      actor: ctx.actor,
      at: now,
      data: { messageId: result.message.id, caseId, kind: input.kind },
    },
    ...(result.case.status !== result.before.status
      ? [
          {
            type: 'case.status_changed',
            actor: ctx.actor,
            at: now,
            data: { caseId, from: result.before.status, to: result.case.status },
          },
        ]
      : []),
  ]);
  return { message: result.message, case: result.case };
}
