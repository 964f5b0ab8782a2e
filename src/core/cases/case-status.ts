import { InvalidTransition } from '../errors.ts';

export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/**
 * Closed is final: a customer writing again after closure gets a new case, so closed cases keep
 * the record of what was agreed. Resolved can be reopened, which is what reopen rates measure.
 */
const allowed: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || allowed[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransition('case', from, to);
}

export function isActive(status: CaseStatus): boolean {
  return status === 'new' || status === 'open' || status === 'pending';
}
