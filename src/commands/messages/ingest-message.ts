import type { Case } from '../../core/cases/case.ts';
import { decideInbound, decideThread } from '../../core/cases/decide-message.ts';
import type { Channel } from '../../core/channels.ts';
import { type IdentityValue, identitiesFrom } from '../../core/customers/identity.ts';
import { InvalidInput } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { type AuditEntry, appendAudit } from '../../db/repositories/audit.ts';
import { insertCase, loadCase, threadCandidates, updateCase } from '../../db/repositories/cases.ts';
import { addIdentities, findByIdentities, insertCustomer } from '../../db/repositories/customers.ts';
import { findByExternalId, insertMessage } from '../../db/repositories/messages.ts';
import { resolveSite } from '../../db/repositories/sites.ts';
import { sql } from '../../db/sql.ts';
import type { DomainEvent } from '../../events.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface InboundMessage {
  channel: Channel;
  site?: string | undefined;
  from: {
    email?: string | undefined;
    phone?: string | undefined;
    accountNumber?: string | undefined;
    name?: string | undefined;
  };
  subject?: string | undefined;
  body: string;
  externalId?: string | undefined;
  threadKey?: string | undefined;
  occurredAt?: Date | undefined;
  metadata?: Record<string, unknown> | undefined;
}

export interface IngestResult {
  created: boolean;
  caseId: string;
  customerId: string;
  messageId: string;
}

/**
 * A customer's message from any channel: find or create the customer by any identity, thread it
 * into their case or open one, store it. Acknowledged only after commit; a repeated externalId
 * returns the first delivery's ids and stores nothing.
 */
export async function ingestMessage(ctx: CommandContext, input: InboundMessage): Promise<IngestResult> {
  authorize(ctx.actor, 'message.ingest');
  const identities = identitiesFrom(input.from);
  const at = input.occurredAt ?? ctx.clock.now();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const event = (type: string, data: Record<string, unknown>) =>
    events.push({ type, actor: ctx.actor, at: ctx.clock.now(), data });

  const result = await ctx.db.transaction(async (tx) => {
    if (input.externalId) {
      await lock(tx, `ext:${input.channel}:${input.externalId}`);
      const seen = await findByExternalId(tx, input.channel, input.externalId);
      if (seen)
        return { created: false, caseId: seen.caseId, customerId: seen.customerId, messageId: seen.id };
    }
    const site = input.site ? await resolveSite(tx, input.site) : undefined;
    if (input.site && !site) {
      throw new InvalidInput('inbound.unknown_site', `There is no site "${input.site}".`, {
        site: input.site,
      });
    }

    const customerId = await findOrCreateCustomer(tx, input, identities, site?.id ?? null, audit, event);
    await lock(tx, `customer:${customerId}`);
    const decision = decideThread(input.channel, input.threadKey, await threadCandidates(tx, customerId));
    let current: Case;
    if (decision.kind === 'open') {
      current = await insertCase(tx, {
        customerId,
        siteId: site?.id ?? null,
        channel: input.channel,
        threadKey: input.threadKey ?? null,
        subject: subjectOf(input),
        openedAt: at,
      });
      audit.push({
        action: 'case.created',
        entity: 'case',
        entityId: current.id,
        after: { number: current.number, channel: current.channel },
      });
      event('case.created', {
        caseId: current.id,
        customerId,
        channel: input.channel,
        siteId: current.siteId,
      });
    } else {
      current = (await loadCase(tx, decision.caseId, true))!;
    }
    const changes = decideInbound(current, at);
    const updated = await updateCase(tx, current.id, changes);
    if (updated.status !== current.status) {
      audit.push({
        action: 'case.status_changed',
        entity: 'case',
        entityId: current.id,
        before: { status: current.status },
        after: { status: updated.status },
      });
      event('case.status_changed', { caseId: current.id, from: current.status, to: updated.status });
    }
    const message = await insertMessage(tx, {
      caseId: current.id,
      customerId,
      siteId: site?.id ?? current.siteId,
      channel: input.channel,
      direction: 'inbound',
      kind: 'message',
      authorId: null,
      fromAddress: input.from.email ?? input.from.phone ?? input.from.accountNumber ?? null,
      subject: input.subject ?? null,
      body: input.body,
      metadata: { ...(input.metadata ?? {}), ...(input.from.name ? { fromName: input.from.name } : {}) },
      externalId: input.externalId ?? null,
      occurredAt: at,
    });
    audit.push({
      action: 'message.received',
      entity: 'message',
      entityId: message.id,
      after: { caseId: current.id, channel: input.channel },
    });
    event('message.received', {
      messageId: message.id,
      caseId: current.id,
      customerId,
      channel: input.channel,
    });
    await appendAudit(tx, ctx.actor, ctx.requestId, audit);
    return { created: true, caseId: current.id, customerId, messageId: message.id };
  });
  ctx.events.publish(events);
  return result;
}

async function findOrCreateCustomer(
  tx: Executor,
  input: InboundMessage,
  identities: IdentityValue[],
  siteId: string | null,
  audit: AuditEntry[],
  event: (type: string, data: Record<string, unknown>) => void,
): Promise<string> {
  // Same identity, same moment, two deliveries: the lock makes the second one find the first's customer.
  for (const i of [...identities].sort((a, b) =>
    `${a.kind}${a.value}`.localeCompare(`${b.kind}${b.value}`),
  )) {
    await lock(tx, `identity:${i.kind}:${i.value}`);
  }
  const matches = await findByIdentities(tx, identities);
  const strongest = identities
    .map((i) => matches.find((m) => m.kind === i.kind && m.value === i.value))
    .find(Boolean);
  let customerId = strongest?.customerId;
  if (!customerId) {
    const customer = await insertCustomer(tx, { displayName: displayNameOf(input), homeSiteId: siteId });
    customerId = customer.id;
    audit.push({
      action: 'customer.created',
      entity: 'customer',
      entityId: customerId,
      after: { displayName: customer.displayName },
    });
    event('customer.created', { customerId });
  }
  const unknown = identities.filter((i) => !matches.some((m) => m.kind === i.kind && m.value === i.value));
  const added = await addIdentities(tx, customerId, unknown, input.channel);
  for (const i of added) {
    audit.push({
      action: 'customer.identity_added',
      entity: 'customer',
      entityId: customerId,
      after: { kind: i.kind, value: i.value },
    });
  }
  return customerId;
}

async function lock(tx: Executor, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

function subjectOf(input: InboundMessage): string {
  if (input.subject?.trim()) return input.subject.trim().slice(0, 200);
  const firstLine = input.body.trim().split('\n')[0] ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
}

function displayNameOf(input: InboundMessage): string {
  if (input.from.name?.trim()) return input.from.name.trim();
  if (input.from.email) return input.from.email.split('@')[0] ?? input.from.email;
  return input.from.phone ?? input.from.accountNumber ?? 'Unknown customer';
}
