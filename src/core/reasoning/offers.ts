import { Conflict, InvalidInput } from '../errors.ts';

/**
 * Proactive offers as data: an offer a named owner allows, for customers and situations it names.
 * The agent is shown it with the reason; nothing is ever sent automatically.
 */
export interface OfferRule {
  id: string;
  title: string;
  /** Why this is good for the customer, in plain words, shown to the agent. */
  reason: string;
  /** The person who answers for this offer. */
  owner: string;
  when: {
    tiers?: string[];
    /** Predicted or chosen categories (e.g. `delivery`). */
    categories?: string[];
    /** Product names or SKUs the customer owns or the case is about. */
    products?: string[];
    /** The category prediction must be at least this confident. */
    minConfidence?: number;
  };
}

export interface OfferFacts {
  tier?: string | undefined;
  category?: { value: string; confidence: number } | undefined;
  product?: string | undefined;
}

export interface Offer {
  id: string;
  title: string;
  reason: string;
  owner: string;
}

const norm = (s: string) => s.trim().toLowerCase();

/** The offers whose every condition holds; a rule with no conditions applies to everyone. */
export function decideOffers(rules: readonly OfferRule[], facts: OfferFacts): Offer[] {
  return rules
    .filter((rule) => {
      const { tiers, categories, products, minConfidence } = rule.when;
      if (tiers && !(facts.tier && tiers.map(norm).includes(norm(facts.tier)))) return false;
      if (categories && !(facts.category && categories.map(norm).includes(norm(facts.category.value))))
        return false;
      if (minConfidence !== undefined && !(facts.category && facts.category.confidence >= minConfidence))
        return false;
      if (products && !(facts.product && products.map(norm).includes(norm(facts.product)))) return false;
      return true;
    })
    .map(({ id, title, reason, owner }) => ({ id, title, reason, owner }));
}

// ------------------------------------------------------------------ rules an admin edits

/** A named person who answers for a rule (an active staff member, checked by the caller). */
export interface PersonRef {
  id: string;
  name: string;
}

export type OfferConditions = OfferRule['when'];

/**
 * One version of a stored offer rule. Versions are never overwritten: an edit is a new version, a
 * retirement is a last version with `retired`, so the audit trail and history read plainly.
 */
export interface OfferRuleVersion {
  ruleId: string;
  version: number;
  /** The offer as the agent reads it ("Free express shipping on this order"). */
  offer: string;
  /** Why this is good for the customer, shown to the agent beside the offer. */
  rationale: string;
  owner: PersonRef;
  conditions: OfferConditions;
  retired: boolean;
  editedBy: PersonRef;
  /** Why this version was made ("First version" for the first). */
  editReason: string;
  editedAt: Date;
}

export interface OfferRuleDraft {
  offer: string;
  rationale: string;
  owner: PersonRef;
  conditions: OfferConditions;
}

export interface OfferRuleChange {
  offer?: string | undefined;
  rationale?: string | undefined;
  owner?: PersonRef | undefined;
  conditions?: OfferConditions | undefined;
}

export interface OfferRuleEdit {
  editor: PersonRef;
  reason: string;
  expectedVersion: number;
  at: Date;
}

/** Conditions as stored: trimmed, de-duplicated lists; empty lists and absent keys dropped. */
export function normaliseConditions(c: OfferConditions): OfferConditions {
  const list = (xs: string[] | undefined) => {
    const out = [...new Set((xs ?? []).map((x) => x.trim()).filter((x) => x.length > 0))];
    return out.length > 0 ? out : undefined;
  };
  const tiers = list(c.tiers);
  const categories = list(c.categories);
  const products = list(c.products);
  if (c.minConfidence !== undefined && !(c.minConfidence >= 0 && c.minConfidence <= 1)) {
    throw new InvalidInput('offer_rule.invalid_conditions', 'minConfidence must be between 0 and 1.');
  }
  if (c.minConfidence !== undefined && !categories) {
    throw new InvalidInput(
      'offer_rule.invalid_conditions',
      'minConfidence is about the predicted category: name the categories it applies to.',
    );
  }
  return {
    ...(tiers ? { tiers } : {}),
    ...(categories ? { categories } : {}),
    ...(products ? { products } : {}),
    ...(c.minConfidence !== undefined ? { minConfidence: c.minConfidence } : {}),
  };
}

function checkDraft(d: OfferRuleDraft): OfferRuleDraft {
  const offer = d.offer.trim();
  const rationale = d.rationale.trim();
  if (!offer) throw new InvalidInput('offer_rule.offer_required', 'Say what the agent may offer.');
  if (!rationale) {
    throw new InvalidInput('offer_rule.rationale_required', 'Say why this offer is good for the customer.');
  }
  const conditions = normaliseConditions(d.conditions);
  if (Object.keys(conditions).length === 0) {
    throw new InvalidInput(
      'offer_rule.no_conditions',
      'Name at least one condition (tiers, categories or products): an offer for everyone is a campaign, not a rule.',
    );
  }
  return { offer, rationale, owner: d.owner, conditions };
}

/** Version 1 of a new rule. */
export function decideOfferRuleCreate(
  ruleId: string,
  draft: OfferRuleDraft,
  editor: PersonRef,
  at: Date,
  reason?: string,
): OfferRuleVersion {
  return {
    ruleId,
    version: 1,
    ...checkDraft(draft),
    retired: false,
    editedBy: editor,
    editReason: reason?.trim() || 'First version',
    editedAt: at,
  };
}

function checkEditable(current: OfferRuleVersion, edit: OfferRuleEdit): void {
  if (edit.expectedVersion !== current.version) {
    throw new Conflict('offer_rule', edit.expectedVersion, current.version, current.editedBy.name);
  }
  if (current.retired) {
    throw new InvalidInput('offer_rule.retired', 'This offer rule is retired; create a new one instead.', {
      ruleId: current.ruleId,
    });
  }
  if (!edit.reason.trim()) throw new InvalidInput('offer_rule.reason_required', 'Say why the rule changes.');
}

/** The next version: unchanged fields carry over; a stale version is a conflict (409). */
export function decideOfferRuleEdit(
  current: OfferRuleVersion,
  change: OfferRuleChange,
  edit: OfferRuleEdit,
): OfferRuleVersion {
  checkEditable(current, edit);
  const draft = checkDraft({
    offer: change.offer ?? current.offer,
    rationale: change.rationale ?? current.rationale,
    owner: change.owner ?? current.owner,
    conditions: change.conditions ?? current.conditions,
  });
  return {
    ruleId: current.ruleId,
    version: current.version + 1,
    ...draft,
    retired: false,
    editedBy: edit.editor,
    editReason: edit.reason.trim(),
    editedAt: edit.at,
  };
}

/** The last version: the same rule, retired; agents no longer see its offer. */
export function decideOfferRuleRetire(current: OfferRuleVersion, edit: OfferRuleEdit): OfferRuleVersion {
  checkEditable(current, edit);
  return {
    ...current,
    version: current.version + 1,
    retired: true,
    editedBy: edit.editor,
    editReason: edit.reason.trim(),
    editedAt: edit.at,
  };
}

/** The rules the engine applies: each rule's latest version, unless retired. */
export function activeOfferRules(latest: readonly OfferRuleVersion[]): OfferRule[] {
  return latest
    .filter((v) => !v.retired)
    .map((v) => ({
      id: v.ruleId,
      title: v.offer,
      reason: v.rationale,
      owner: v.owner.name,
      when: v.conditions,
    }));
}
