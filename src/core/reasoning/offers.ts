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
