/** Service standards: business calendars, SLAs, ownership, routing, escalation, checklists. */
export {
  type AttainmentInput,
  type AttainmentReport,
  type AttainmentRow,
  buildAttainmentReport,
  NO_TEAM,
} from './attainment-report.ts';
export { breachKey, detectBreaches, type SlaBreachEvent } from './breaches.ts';
export {
  addBusinessTime,
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessTimeBetween,
  type EpochMs,
  type Instant,
  isOpen,
  nextOpening,
  type OpeningInterval,
  spendBusinessTime,
  toEpochMs,
  validateCalendar,
  WEEKDAYS,
  type Weekday,
} from './business-calendar.ts';
export {
  type ChecklistItem,
  type ChecklistItemRate,
  type ChecklistResult,
  type CheckMark,
  DEFAULT_CATEGORY,
  evaluateChecklist,
  type InteractionStandard,
  standardForCategory,
  summarizeChecklists,
} from './checklist.ts';
export { type Conditions, compareSpecificity, matchesConditions } from './conditions.ts';
export {
  AlreadyOwner,
  HandoverStale,
  InvalidCalendar,
  InvalidStandardInput,
  NotAssigned,
  NotCaseOwner,
  NotHandoverReceiver,
  OwnerRequired,
  TransferNeedsAcceptance,
} from './errors.ts';
export {
  decideEscalations,
  type EscalationAction,
  type EscalationLevel,
  type EscalationPolicy,
  type EscalationStep,
  escalationKey,
} from './escalation.ts';
export {
  type AutoCloseDecision,
  type AutoCloseFacts,
  canAutoClose,
  detectHumanRequest,
  type HumanRequest,
} from './human-request.ts';
export {
  type Acceptance,
  acceptHandover,
  decideTransfer,
  type HandoverRequest,
  type OwnershipDecision,
  type OwnershipFacts,
  ownerAfterWork,
  requestHandover,
  type StaffActor,
  type StaffRole,
} from './ownership.ts';
export {
  type AgentAvailability,
  type QueueReason,
  ROUTING_DIMENSIONS,
  type RoutingCaseFacts,
  type RoutingCursor,
  type RoutingDecision,
  type RoutingRule,
  routeCase,
  selectRoutingRule,
  type Team,
} from './routing.ts';
export {
  type AtRiskMargin,
  atRiskMarginMs,
  type Priority,
  SLA_DIMENSIONS,
  SLA_METRICS,
  type SlaDimension,
  type SlaMetric,
  type SlaPolicy,
  type SlaPolicyFacts,
  selectSlaPolicy,
  validateSlaPolicy,
} from './sla-policy.ts';
export {
  computeSlaState,
  type OwnerChange,
  ownerAt,
  type Pause,
  pendingPeriods,
  type SlaCaseFacts,
  type SlaState,
  type SlaTargetState,
  type SlaTargetStatus,
  type StatusChange,
} from './sla-state.ts';
export { type CaseSweepResult, type SweepRecords, sweepCase } from './sla-sweep.ts';
