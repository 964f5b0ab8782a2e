/** Public API of the case-based reasoning engine: retain → retrieve → reuse → revise. */

export { type AbstentionTuning, type CalibrationSample, tuneAbstention } from './abstention.ts';
export { tuneClassifierShare } from './calibration.ts';
export {
  CaseBase,
  type CaseBaseOptions,
  type CaseQuery,
  type CategoryScore,
  DEFAULT_ABSTAIN_BELOW,
  DEFAULT_CLASSIFIER_SHARE,
  DEFAULT_SUPPORT_MIX,
  DEFAULT_WEIGHTS,
  type Retrieval,
  type RetrievedCase,
  type RetrieveOptions,
  type SimilarityWeights,
  supportScore,
} from './case-base.ts';
export {
  type CaseFeedback,
  type CaseOutcome,
  type CaseSolution,
  caseCategory,
  type FeedbackVerdict,
  fixedFirstTime,
  type ResolvedCase,
  reliability,
} from './case-record.ts';
export {
  type ClassifierModel,
  predictProbabilities,
  type TrainOptions,
  trainClassifier,
} from './classifier.ts';
export {
  activeOfferRules,
  decideOfferRuleCreate,
  decideOfferRuleEdit,
  decideOfferRuleRetire,
  decideOffers,
  normaliseConditions,
  type Offer,
  type OfferConditions,
  type OfferFacts,
  type OfferRule,
  type OfferRuleChange,
  type OfferRuleDraft,
  type OfferRuleEdit,
  type OfferRuleVersion,
  type PersonRef,
} from './offers.ts';
export { type DraftedReply, draftReply, fillReply } from './reply-template.ts';
export { type Reranker, rerank } from './reranker.ts';
export {
  type ActionCatalogue,
  buildSuggestion,
  type Evidence,
  type SuggestInput,
  type Suggestion,
} from './suggest.ts';
