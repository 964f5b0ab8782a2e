import type { CaseQuery, Retrieval, RetrievedCase } from './case-base.ts';
import { caseCategory, fixedFirstTime, reliability } from './case-record.ts';
import { draftReply } from './reply-template.ts';

/**
 * Reuse: turn a retrieval into a proposed resolution — category, ordered actions, a drafted reply —
 * plus what to expect next. Every part carries a confidence and the evidence behind it, so the agent
 * can judge it rather than trust it.
 */

/** Situation (category) → the ordered agent actions that resolve it, e.g. ABCD's kb.json. */
export type ActionCatalogue = Readonly<Record<string, readonly string[]>>;

export interface SuggestInput {
  query: CaseQuery;
  /** What we know about this customer, to fill reply slots: `{ name, orderNumber, email }`. */
  customer?: Readonly<Record<string, string | undefined>>;
  /** Actions already taken on this case, to say which comes next. */
  actionsTaken?: readonly string[];
}

export interface Evidence {
  similarCases: number;
  /** Cases whose outcome is known and neither reopened nor brought a repeat contact. */
  fixedFirstTime: number;
  outcomesKnown: number;
  averageCsat?: number;
  caseIds: string[];
  summary: string;
}

export interface Suggestion {
  abstained: boolean;
  /** Set when abstaining: say it plainly rather than guess. */
  message?: 'no similar case';
  category?: { value: string; confidence: number; evidence: Evidence };
  actions?: { steps: string[]; source: 'catalogue' | 'cases'; confidence: number; evidence: Evidence };
  reply?: {
    text: string;
    filledSlots: string[];
    missingSlots: string[];
    fromCaseId: string;
    confidence: number;
    evidence: Evidence;
  };
  nextAction?: { action: string; confidence: number };
  followUp?: { likely: boolean; probability: number; evidence: Evidence };
  /** The cases it was built from, with their explanations. */
  cases: RetrievedCase[];
}

export function buildSuggestion(
  retrieval: Retrieval,
  input: SuggestInput,
  catalogue: ActionCatalogue = {},
): Suggestion {
  const { cases } = retrieval;
  const best = retrieval.categories[0];
  if (retrieval.abstained || !best) return { abstained: true, message: 'no similar case', cases };

  const supporting = cases.filter((c) => caseCategory(c.case) === best.category);
  const categoryEvidence = evidenceOf(supporting);
  const suggestion: Suggestion = {
    abstained: false,
    category: { value: best.category, confidence: best.probability, evidence: categoryEvidence },
    cases,
  };

  const actions = proposeActions(best.category, best.probability, supporting, catalogue);
  if (actions) {
    suggestion.actions = actions;
    const taken = new Set(input.actionsTaken ?? []);
    const next = actions.steps.find((s) => !taken.has(s));
    if (next) suggestion.nextAction = { action: next, confidence: actions.confidence };
  }

  // The reply of the best-ranked similar case (ranking already favours fixes that stuck).
  const source = supporting.find((c) => c.case.solution.reply);
  if (source?.case.solution.reply) {
    const drafted = draftReply(
      { reply: source.case.solution.reply, text: source.case.text },
      input.query.text,
      input.customer ?? {},
    );
    suggestion.reply = {
      ...drafted,
      fromCaseId: source.case.id,
      confidence: best.probability * reliability(source.case),
      evidence: evidenceOf([source]),
    };
  }

  const followUp = anticipateFollowUp(supporting);
  if (followUp) suggestion.followUp = followUp;
  return suggestion;
}

function proposeActions(
  category: string,
  confidence: number,
  supporting: readonly RetrievedCase[],
  catalogue: ActionCatalogue,
): Suggestion['actions'] {
  const fromCatalogue = catalogue[category];
  if (fromCatalogue && fromCatalogue.length > 0) {
    const agreeing = supporting.filter((c) => sameSteps(c.case.solution.actions, fromCatalogue));
    return {
      steps: [...fromCatalogue],
      source: 'catalogue',
      confidence,
      evidence: evidenceOf(agreeing.length > 0 ? agreeing : supporting),
    };
  }
  // No catalogue entry: the sequence that resolved the most (and most reliable) similar cases.
  const sequences = new Map<string, { steps: string[]; weight: number; cases: RetrievedCase[] }>();
  let total = 0;
  for (const c of supporting) {
    const steps = c.case.solution.actions;
    if (!steps || steps.length === 0) continue;
    const key = steps.join('\u0000');
    const entry = sequences.get(key) ?? { steps: [...steps], weight: 0, cases: [] };
    entry.weight += c.score;
    entry.cases.push(c);
    sequences.set(key, entry);
    total += c.score;
  }
  const top = [...sequences.values()].sort((a, b) => b.weight - a.weight)[0];
  if (!top || total <= 0) return undefined;
  return {
    steps: top.steps,
    source: 'cases',
    confidence: confidence * (top.weight / total),
    evidence: evidenceOf(top.cases),
  };
}

/** Share of similar cases (with a known outcome) that came back: reopened or a repeat contact. */
function anticipateFollowUp(supporting: readonly RetrievedCase[]): Suggestion['followUp'] {
  const known = supporting.filter((c) => fixedFirstTime(c.case) !== undefined);
  if (known.length === 0) return undefined;
  const cameBack = known.filter((c) => fixedFirstTime(c.case) === false).length;
  // Laplace smoothing so one reopened case out of one is not read as a certainty.
  const probability = (cameBack + 0.5) / (known.length + 1);
  return { likely: probability >= 0.5, probability, evidence: evidenceOf(known) };
}

function sameSteps(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((s, i) => s === b[i]);
}

export function evidenceOf(cases: readonly RetrievedCase[]): Evidence {
  let fixed = 0;
  let known = 0;
  let csatSum = 0;
  let csatCount = 0;
  for (const { case: c } of cases) {
    const f = fixedFirstTime(c);
    if (f !== undefined) {
      known++;
      if (f) fixed++;
    }
    if (c.outcome?.csat !== undefined) {
      csatSum += c.outcome.csat;
      csatCount++;
    }
  }
  const averageCsat = csatCount > 0 ? Math.round((csatSum / csatCount) * 10) / 10 : undefined;
  const parts = [`${cases.length} similar case${cases.length === 1 ? '' : 's'}`];
  if (known > 0) parts.push(`${fixed} fixed first time`);
  if (averageCsat !== undefined) parts.push(`average CSAT ${averageCsat}`);
  const evidence: Evidence = {
    similarCases: cases.length,
    fixedFirstTime: fixed,
    outcomesKnown: known,
    caseIds: cases.map((c) => c.case.id),
    summary: parts.join(', '),
  };
  if (averageCsat !== undefined) evidence.averageCsat = averageCsat;
  return evidence;
}
