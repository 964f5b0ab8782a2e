import type { Case } from '../../core/cases/case.ts';
import type { CurrentRating } from '../../core/cases/rating.ts';
import type { CaseListItem } from '../../db/repositories/cases.ts';
import type { Message } from '../../db/repositories/messages.ts';

/** `rating` (the customer's rating that counts, or null) is shown when the case was loaded for the case view. */
export function presentCase(c: Case & { rating?: CurrentRating | null }) {
  return {
    id: c.id,
    number: c.number,
    customerId: c.customerId,
    siteId: c.siteId,
    teamId: c.teamId,
    ownerId: c.ownerId,
    channel: c.channel,
    threadKey: c.threadKey,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    category: c.category,
    tags: c.tags,
    version: c.version,
    reopenedCount: c.reopenedCount,
    messageCount: c.messageCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    firstReplyAt: c.firstReplyAt,
    waitingSince: c.waitingSince,
    lastActivityAt: c.lastActivityAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    ...(c.rating !== undefined ? { rating: presentCurrentRating(c.rating) } : {}),
  };
}

export function presentCurrentRating(r: CurrentRating | null) {
  return r ? { score: r.score, comment: r.comment, ratedAt: r.ratedAt, source: r.source } : null;
}

export function presentCaseListItem(c: CaseListItem) {
  return { ...presentCase(c), customerName: c.customerName, ownerName: c.ownerName };
}

export function presentMessage(m: Message) {
  return {
    id: m.id,
    caseId: m.caseId,
    customerId: m.customerId,
    siteId: m.siteId,
    channel: m.channel,
    direction: m.direction,
    kind: m.kind,
    authorId: m.authorId,
    authorName: m.authorName,
    from: m.fromAddress,
    subject: m.subject,
    body: m.body,
    metadata: m.metadata,
    externalId: m.externalId,
    occurredAt: m.occurredAt,
    createdAt: m.createdAt,
  };
}
