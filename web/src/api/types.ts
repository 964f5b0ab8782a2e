/** The shapes the console reads from /api/v1 (see src/http/presenters). Dates arrive as ISO strings. */
export type Channel = 'email' | 'chat' | 'phone' | 'in_person' | 'web' | 'social';
export type CaseStatus = 'new' | 'open' | 'pending' | 'resolved' | 'closed';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';

export const CHANNELS: Channel[] = ['email', 'chat', 'phone', 'in_person', 'web', 'social'];
export const STATUSES: CaseStatus[] = ['new', 'open', 'pending', 'resolved', 'closed'];
export const PRIORITIES: CasePriority[] = ['low', 'normal', 'high', 'urgent'];

export type Abilities = Partial<Record<string, boolean>>;

export interface Me {
  /** GET /me also answers the agent's team, home site and time zone (the login answer does not). */
  agent: {
    id: string;
    name: string;
    role: string;
    kind: string;
    teamId?: string | null;
    siteId?: string | null;
    timeZone?: string | null;
  };
  abilities: Abilities;
}

export interface LoginResult extends Me {
  csrfToken: string;
  expiresAt: string;
}

export interface Case {
  id: string;
  number: number;
  customerId: string;
  siteId: string | null;
  teamId: string | null;
  ownerId: string | null;
  channel: Channel;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  category: string | null;
  tags: string[];
  version: number;
  reopenedCount: number;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
  firstReplyAt: string | null;
  waitingSince: string | null;
  lastActivityAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface CaseListItem extends Case {
  customerName: string;
  ownerName: string | null;
}

export interface CasePage {
  items: CaseListItem[];
  nextCursor: string | null;
}

export interface Message {
  id: string;
  caseId: string | null;
  customerId: string;
  siteId: string | null;
  channel: Channel;
  direction: 'inbound' | 'outbound' | 'internal';
  kind: 'message' | 'note' | 'call' | 'visit';
  authorId: string | null;
  authorName: string | null;
  from: string | null;
  subject: string | null;
  body: string;
  metadata: Record<string, unknown> & { durationSeconds?: number };
  occurredAt: string;
  createdAt: string;
}

export interface CaseDetail extends Case {
  timeline: Message[];
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Identity {
  id: string;
  kind: 'email' | 'phone' | 'account' | 'external';
  value: string;
  normalized: string;
  sourceChannel: string | null;
  verified: boolean;
}

export interface Purchase {
  id: string;
  product: { id: string; sku: string; name: string; category: string | null };
  siteId: string | null;
  orderNumber: string | null;
  receiptNumber: string | null;
  serialNumber: string | null;
  quantity: number;
  amount: Money;
  purchasedAt: string;
  warrantyUntil: string | null;
}

export interface CaseSummary {
  id: string;
  number: number;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  channel: Channel;
  category: string | null;
  siteId: string | null;
  siteName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: string;
  lastActivityAt: string;
}

export interface CustomerProfile {
  id: string;
  displayName: string;
  householdId: string | null;
  tier: string;
  lifetimeValue: Money;
  preferences: Record<string, unknown>;
  specialNeeds: string[];
  attributes: Record<string, unknown>;
  language: string | null;
  homeSiteId: string | null;
  mergedInto: string | null;
  version: number;
  redirectedFrom: string | null;
  identities: Identity[];
  household: {
    id: string;
    name: string;
    accountNumber: string | null;
    members: { id: string; displayName: string; tier: string }[];
  } | null;
  purchases: Purchase[];
  cases: CaseSummary[];
  recentMessages: Message[];
}

export interface CustomerHit {
  id: string;
  displayName: string;
  tier: string;
  matched: string;
  identities: { kind: string; value: string }[];
}

export interface SearchHit {
  type: 'message' | 'case';
  id: string;
  caseId: string;
  caseNumber: number;
  customerId: string;
  customerName: string;
  channel: Channel;
  subject: string | null;
  highlight: string;
  occurredAt: string;
}

export interface Site {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface Agent {
  id: string;
  kind: 'person' | 'integration';
  name: string;
  email: string | null;
  role: string;
  teamId: string | null;
  siteId: string | null;
  timeZone: string | null;
  active: boolean;
}
