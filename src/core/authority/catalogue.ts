import {
  type FieldProblem,
  InvalidActionRequest,
  InvalidAmount,
  InvalidCatalogue,
  UnknownAction,
} from './errors.ts';
import { type Money, toMoney } from './money.ts';
import type { PersonRef } from './people.ts';

export type ParamSpec =
  | { readonly name: string; readonly kind: 'money'; readonly required: boolean }
  | {
      readonly name: string;
      readonly kind: 'text';
      readonly required: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
    }
  | {
      readonly name: string;
      readonly kind: 'choice';
      readonly required: boolean;
      readonly options: readonly string[];
    }
  | { readonly name: string; readonly kind: 'product'; readonly required: boolean }
  | { readonly name: string; readonly kind: 'boolean'; readonly required: boolean };

/**
 * `money` action types are limited by amount (their `amount` parameter) and by count;
 * `count` action types (callbacks, upgrades) only by how many times they are used.
 */
export type Measure = 'money' | 'count';

export interface ActionType {
  readonly id: string;
  readonly label: string;
  /** Completes "You can … up to 50.00 EUR more today" / "You can … 3 more times today". */
  readonly verb: string;
  readonly measure: Measure;
  readonly params: readonly ParamSpec[];
  /** Who answers for this action when no rule covers it. */
  readonly defaultOwner: PersonRef;
}

export interface Catalogue {
  readonly types: ReadonlyMap<string, ActionType>;
}

export interface ActionRequest {
  readonly actionType: string;
  readonly customerId: string;
  readonly caseId?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A request checked against its type: `amount` is set exactly when the type is measured in money. */
export interface ValidatedAction {
  readonly type: ActionType;
  readonly amount: Money | null;
  readonly params: Readonly<Record<string, unknown>>;
}

export const AMOUNT_PARAM = 'amount';
const ID = /^[a-z][a-z0-9_]{1,62}$/;

function catalogueProblems(types: readonly ActionType[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  types.forEach((t, i) => {
    const at = `types[${i}]`;
    if (!ID.test(t.id)) problems.push({ path: `${at}.id`, message: `"${t.id}" must be snake_case.` });
    if (seen.has(t.id)) problems.push({ path: `${at}.id`, message: `"${t.id}" is defined twice.` });
    seen.add(t.id);
    if (!t.label.trim()) problems.push({ path: `${at}.label`, message: 'A label is required.' });
    if (!t.verb.trim()) problems.push({ path: `${at}.verb`, message: 'A verb is required.' });
    if (!t.defaultOwner.id || !t.defaultOwner.name.trim()) {
      problems.push({
        path: `${at}.defaultOwner`,
        message: 'Every action type needs a named default owner.',
      });
    }
    const amount = t.params.find((p) => p.name === AMOUNT_PARAM);
    if (t.measure === 'money' && (amount?.kind !== 'money' || !amount.required)) {
      problems.push({
        path: `${at}.params`,
        message: 'A money action needs a required "amount" money parameter.',
      });
    }
    if (t.measure === 'count' && t.params.some((p) => p.kind === 'money')) {
      problems.push({
        path: `${at}.params`,
        message: 'A count action cannot carry an amount; make it a money action.',
      });
    }
    const names = new Set<string>();
    for (const p of t.params) {
      if (names.has(p.name))
        problems.push({ path: `${at}.params`, message: `Parameter "${p.name}" is repeated.` });
      names.add(p.name);
      if (p.kind === 'choice' && p.options.length === 0) {
        problems.push({ path: `${at}.params.${p.name}`, message: 'A choice needs options.' });
      }
    }
  });
  return problems;
}

export function defineCatalogue(types: readonly ActionType[]): Catalogue {
  const problems = catalogueProblems(types);
  if (problems.length > 0) throw new InvalidCatalogue(problems);
  return { types: new Map(types.map((t) => [t.id, t])) };
}

/** Admins add action types; the catalogue is a value, so this returns a new one. */
export function addActionType(catalogue: Catalogue, type: ActionType): Catalogue {
  return defineCatalogue([...catalogue.types.values(), type]);
}

export function getActionType(catalogue: Catalogue, id: string): ActionType {
  const type = catalogue.types.get(id);
  if (!type) throw new UnknownAction(id);
  return type;
}

function checkParam(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'money':
      return null; // parsed separately so amount errors keep their own code
    case 'text': {
      if (typeof value !== 'string') return 'must be text';
      const length = value.trim().length;
      if (length < (spec.minLength ?? 1)) return `needs at least ${spec.minLength ?? 1} characters`;
      if (spec.maxLength !== undefined && length > spec.maxLength)
        return `allows at most ${spec.maxLength} characters`;
      return null;
    }
    case 'choice':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `must be one of ${spec.options.join(', ')}`;
    case 'product':
      return typeof value === 'string' && value.trim().length > 0 ? null : 'must name a product';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
  }
}

/** Checks a request against its action type; amounts are refused with `authority.invalid_amount`. */
export function validateActionRequest(catalogue: Catalogue, request: ActionRequest): ValidatedAction {
  const type = getActionType(catalogue, request.actionType);
  const problems: FieldProblem[] = [];
  const known = new Set(type.params.map((p) => p.name));
  for (const name of Object.keys(request.params)) {
    if (!known.has(name))
      problems.push({ path: `params.${name}`, message: `${name} is not a parameter of ${type.id}.` });
  }
  for (const spec of type.params) {
    const value = request.params[spec.name];
    if (value === undefined || value === null || value === '') {
      if (spec.required) problems.push({ path: `params.${spec.name}`, message: `${spec.name} is required.` });
      continue;
    }
    const problem = checkParam(spec, value);
    if (problem) problems.push({ path: `params.${spec.name}`, message: `${spec.name} ${problem}.` });
  }
  if (!request.customerId) problems.push({ path: 'customerId', message: 'customerId is required.' });
  if (problems.length > 0) throw new InvalidActionRequest(type.id, problems);

  let amount: Money | null = null;
  if (type.measure === 'money') {
    amount = toMoney(request.params[AMOUNT_PARAM]);
    if (amount.amountMinor === 0)
      throw new InvalidAmount('An action amount must be more than zero.', { amount });
  }
  return { type, amount, params: request.params };
}
