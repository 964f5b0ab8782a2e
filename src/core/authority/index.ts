/** The authority engine's public surface: pure decisions about who may do what for a customer. */
export * from './approvals.ts';
export * from './catalogue.ts';
export * from './conditions.ts';
export * from './default-catalogue.ts';
export * from './errors.ts';
export * from './evaluate.ts';
export * from './friction.ts';
export * from './limits.ts';
export * from './money.ts';
export * from './overrides.ts';
export * from './people.ts';
export * from './reports.ts';
export * from './require-allowed.ts';
export * from './rule-index.ts';
export * from './rules.ts';
export * from './time-windows.ts';
export * from './usage.ts';
