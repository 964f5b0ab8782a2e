import { randomUUID } from 'node:crypto';
import type { CaseChanges } from '../../core/cases/case.ts';
import { decideInbound, decideThread } from '../../core/cases/decide-message.ts';
import { type Channel, CONTINUOUS_CHANNELS } from '../../core/channels.ts';
import { identitiesFrom } from '../../core/customers/identity.ts';
import { InvalidInput } from '../../core/errors.ts';
import { detectHumanRequest } from '../../core/standards/human-request.ts';
import type { AuditEntry } from '../../db/repositories/audit.ts';
import { applyInbound, type InboundPlan, loadInboundContext } from '../../db/repositories/inbound.ts';
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

const MAX_ATTEMPTS = 8;

/**
 * A customer's message from any channel: find or create the customer by any identity, thread it
 * into their case or open one, store it. Load the context in one read, let the core decide, apply
 * the plan in one atomic statement; if someone else changed the same customer or case meanwhile,
 * decide again. Acknowledged only after commit; a repeated externalId returns the first ids.
 */
export async function ingestMessage(ctx: CommandContext, input: InboundMessage): Promise<IngestResult> {
  authorize(ctx.actor, 'message.ingest');
  const identities = identitiesFrom(input.from);
  const at = input.occurredAt ?? ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    const context = await loadInboundContext(ctx.db.db, {
      channel: input.channel,
      externalId: input.externalId ?? null,
      site: input.site ?? null,
      identities,
    });
    if (context.seen) return { created: false, ...context.seen, messageId: context.seen.id };
    if (input.site && !context.site) {
      throw new InvalidInput('inbound.unknown_site', `There is no site "${input.site}".`, {
        site: input.site,
      });
    }
    const siteId = context.site?.id ?? null;
    // Identities are ordered strongest first, so the first one we know decides who this is.
    const known = identities
      .map((i) => context.matches.find((m) => m.kind === i.kind && m.value === i.value))
      .find(Boolean);
    const customerId = known?.customerId ?? randomUUID();
    const unknownIdentities = identities.filter(
      (i) => !context.matches.some((m) => m.kind === i.kind && m.value === i.value),
    );
    const candidates = context.candidates.filter((c) => c.customerId === customerId);
    const thread = decideThread(input.channel, input.threadKey, candidates);
    const current = thread.kind === 'append' ? candidates.find((c) => c.id === thread.caseId) : undefined;
    const caseId = current?.id ?? randomUUID();
    const messageId = randomUUID();
    const changes: CaseChanges | undefined = current ? decideInbound(current, at) : undefined;

    const audit: AuditEntry[] = [];
    const events: DomainEvent[] = [];
    const event = (type: string, data: Record<string, unknown>) =>
      events.push({ type, actor: ctx.actor, at: ctx.clock.now(), data });
    if (!known) {
      audit.push({
        action: 'customer.created',
        entity: 'customer',
        entityId: customerId,
        after: { displayName: displayNameOf(input) },
      });
      event('customer.created', { customerId });
    }
    for (const i of unknownIdentities) {
      audit.push({
        action: 'customer.identity_added',
        entity: 'customer',
        entityId: customerId,
        after: { kind: i.kind, value: i.value },
      });
    }
    if (!current) {
      audit.push({
        action: 'case.created',
        entity: 'case',
        entityId: caseId,
        after: { channel: input.channel, customerId },
      });
      event('case.created', { caseId, customerId, channel: input.channel, siteId });
    } else if (changes?.status && changes.status !== current.status) {
      audit.push({
        action: 'case.status_changed',
        entity: 'case',
        entityId: caseId,
        before: { status: current.status },
        after: { status: changes.status },
      });
      event('case.status_changed', { caseId, from: current.status, to: changes.status });
    }
    audit.push({
      action: 'message.received',
      entity: 'message',
      entityId: messageId,
      after: { caseId, channel: input.channel },
    });
    // Whether the customer asks for a person is decided here, so the reaction that escalates such
    // a case reads nothing for the many messages that do not.
    const asksForPerson = detectHumanRequest(input.body).requested;
    event('message.received', { messageId, caseId, customerId, channel: input.channel, asksForPerson });

    const plan: InboundPlan = {
      customerId,
      ...(known ? {} : { newCustomer: { displayName: displayNameOf(input), homeSiteId: siteId } }),
      identities: unknownIdentities,
      channel: input.channel,
      caseId,
      ...(current
        ? { caseVersion: current.version, ...(changes ? { caseChanges: changes } : {}) }
        : {
            newCase: {
              siteId,
              channel: input.channel,
              threadKey: input.threadKey ?? null,
              subject: subjectOf(input),
              openedAt: at,
              exclusiveOnChannel: !input.threadKey && CONTINUOUS_CHANNELS.includes(input.channel),
            },
          }),
      message: {
        id: messageId,
        siteId: siteId ?? current?.siteId ?? null,
        channel: input.channel,
        fromAddress: input.from.email ?? input.from.phone ?? input.from.accountNumber ?? null,
        subject: input.subject ?? null,
        body: input.body,
        metadata: { ...(input.metadata ?? {}), ...(input.from.name ? { fromName: input.from.name } : {}) },
        externalId: input.externalId ?? null,
        occurredAt: at,
      },
      audit: audit.map((a) => ({ ...a, actorId: ctx.actor.id, actorName: ctx.actor.name })),
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    };
    const outcome = await applyInbound(ctx.db.db, plan);
    if (outcome === 'retry') {
      if (attempt < MAX_ATTEMPTS) continue;
      throw new Error(`inbound message could not be stored after ${MAX_ATTEMPTS} attempts (contention)`);
    }
    if (outcome !== 'ok') throw new Error(`inbound message could not be stored: ${outcome}`);
    ctx.events.publish(events);
    return { created: true, caseId, customerId, messageId };
  }
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
