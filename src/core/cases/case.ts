import type { Channel } from '../channels.ts';
import type { CasePriority, CaseStatus } from './case-status.ts';

export interface Case {
  id: string;
  number: number;
  customerId: string;
  siteId: string | null;
  teamId: string | null;
  ownerId: string | null;
  channel: Channel;
  threadKey: string | null;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  category: string | null;
  tags: string[];
  version: number;
  reopenedCount: number;
  messageCount: number;
  createdAt: Date;
  updatedAt: Date;
  firstReplyAt: Date | null;
  waitingSince: Date | null;
  lastActivityAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export type CaseChanges = Partial<
  Pick<
    Case,
    | 'status'
    | 'ownerId'
    | 'priority'
    | 'category'
    | 'tags'
    | 'teamId'
    | 'firstReplyAt'
    | 'waitingSince'
    | 'lastActivityAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'reopenedCount'
    | 'messageCount'
  >
>;
