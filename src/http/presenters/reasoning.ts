import type { IssuedSuggestion } from '../../commands/reasoning/get-case-suggestions.ts';
import type { SettingsView } from '../../commands/reasoning/get-reasoning-settings.ts';
import type { Evidence, OfferRuleVersion, RetrievedCase } from '../../core/reasoning/index.ts';

const round = (x: number) => Math.round(x * 1000) / 1000;

function presentEvidence(e: Evidence) {
  return {
    summary: e.summary,
    similarCases: e.similarCases,
    fixedFirstTime: e.fixedFirstTime,
    outcomesKnown: e.outcomesKnown,
    averageCsat: e.averageCsat ?? null,
    caseIds: e.caseIds,
  };
}

/** A similar past case and why it matched; its words are the past customer's, shown to staff only. */
function presentSimilarCase(c: RetrievedCase) {
  return {
    caseId: c.case.id,
    score: round(c.score),
    textSimilarity: round(c.textSimilarity),
    // The engine folds digit runs into one placeholder term; show it as a person reads it.
    why: {
      sharedTerms: c.sharedTerms.map((t) => t.replace(/\b0num\b/g, '<number>')),
      matchingAttributes: c.matchingAttributes,
    },
    category: c.case.solution.category ?? c.case.category ?? null,
    channel: c.case.channel ?? null,
    product: c.case.product ?? null,
    problem: c.case.text.length > 300 ? `${c.case.text.slice(0, 297)}…` : c.case.text,
    actions: c.case.solution.actions ?? [],
    outcome: {
      reopened: c.case.outcome?.reopened ?? null,
      repeatContact7d: c.case.outcome?.repeatContact7d ?? null,
      csat: c.case.outcome?.csat ?? null,
    },
  };
}

export function presentSuggestion(issued: IssuedSuggestion) {
  const s = issued.suggestion;
  const common = {
    id: issued.id,
    caseId: issued.caseId,
    createdAt: issued.createdAt.toISOString(),
    similarCases: s.cases.map(presentSimilarCase),
  };
  if (s.abstained) return { ...common, abstained: true as const, message: 'no similar case' as const };
  return {
    ...common,
    abstained: false as const,
    category: s.category
      ? {
          value: s.category.value,
          confidence: round(s.category.confidence),
          evidence: presentEvidence(s.category.evidence),
        }
      : null,
    actions: s.actions
      ? {
          steps: s.actions.steps,
          source: s.actions.source,
          confidence: round(s.actions.confidence),
          evidence: presentEvidence(s.actions.evidence),
        }
      : null,
    reply: s.reply
      ? {
          text: s.reply.text,
          filledSlots: s.reply.filledSlots,
          missingSlots: s.reply.missingSlots,
          fromCaseId: s.reply.fromCaseId,
          confidence: round(s.reply.confidence),
          evidence: presentEvidence(s.reply.evidence),
        }
      : null,
    nextAction: s.nextAction
      ? { action: s.nextAction.action, confidence: round(s.nextAction.confidence) }
      : null,
    followUp: s.followUp
      ? {
          likely: s.followUp.likely,
          probability: round(s.followUp.probability),
          evidence: presentEvidence(s.followUp.evidence),
        }
      : null,
    // Proactive offers: shown to the agent, never sent. Empty unless an offer source is configured.
    offers: issued.offers.map((o) => ({
      id: o.id,
      title: o.title,
      reason: o.reason,
      owner: o.owner ?? null,
    })),
  };
}

export function presentReasoningSettings(view: SettingsView) {
  return {
    version: view.stored.version,
    stored: {
      weights: view.stored.weights,
      abstainBelow: view.stored.abstainBelow,
      supportMix: view.stored.supportMix,
      classifierShare: view.stored.classifierShare,
    },
    effective: view.effective,
    updatedAt: view.stored.updatedAt.toISOString(),
    updatedBy: view.stored.updatedBy,
    status: view.status,
  };
}

/** An offer rule's version as admins read it; `versions` only on the single-rule views. */
export function presentOfferRule(
  v: OfferRuleVersion & { createdAt?: Date },
  versions?: readonly OfferRuleVersion[],
) {
  return {
    id: v.ruleId,
    version: v.version,
    offer: v.offer,
    rationale: v.rationale,
    owner: v.owner,
    conditions: {
      tiers: v.conditions.tiers ?? null,
      categories: v.conditions.categories ?? null,
      products: v.conditions.products ?? null,
      minConfidence: v.conditions.minConfidence ?? null,
    },
    retired: v.retired,
    editedBy: v.editedBy,
    editReason: v.editReason,
    editedAt: v.editedAt.toISOString(),
    ...(v.createdAt ? { createdAt: v.createdAt.toISOString() } : {}),
    ...(versions
      ? {
          createdAt: versions[0]!.editedAt.toISOString(),
          history: versions.map((h) => ({
            version: h.version,
            offer: h.offer,
            rationale: h.rationale,
            owner: h.owner,
            conditions: h.conditions,
            retired: h.retired,
            editedBy: h.editedBy,
            editReason: h.editReason,
            editedAt: h.editedAt.toISOString(),
          })),
        }
      : {}),
  };
}
