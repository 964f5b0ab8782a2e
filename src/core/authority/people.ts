import type { Money } from './money.ts';

/** A named person; every rule, approval and override points at one so nothing hides behind "the system". */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

/** A half-open instant range [from, to). */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface AgentProfile extends PersonRef {
  readonly role: string;
  readonly teamId: string;
  readonly siteId: string;
  /** IANA zone of the agent's site; defines "today" for per-day limits. */
  readonly timeZone: string;
  /** Precomputed working-day window; when present it wins over `timeZone`. */
  readonly dayWindow?: TimeWindow;
  /** Resolve role-based approvers ("lead", "manager") to a person when the caller knows them. */
  readonly approvers?: Readonly<Record<string, PersonRef>>;
}

export interface CustomerSituation {
  readonly id: string;
  readonly tier: string;
  readonly lifetimeValue: Money;
  readonly customerSince: Date;
  readonly openProblems: number;
  /** About the product this request concerns. */
  readonly receiptOnFile: boolean;
  readonly underWarranty: boolean;
}
