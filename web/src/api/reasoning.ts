import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, get, request } from './client.ts';
import { keys } from './keys.ts';

export interface Evidence {
  summary: string;
  similarCases: number;
  fixedFirstTime: number;
  outcomesKnown: number;
  averageCsat: number | null;
  caseIds: string[];
}

export interface SimilarCase {
  caseId: string;
  score: number;
  textSimilarity: number;
  why: { sharedTerms: string[]; matchingAttributes: string[] };
  category: string | null;
  channel: string | null;
  product: string | null;
  problem: string;
  actions: string[];
  outcome: { reopened: boolean | null; repeatContact7d: boolean | null; csat: number | null };
}

interface SuggestionBase {
  id: string;
  caseId: string;
  createdAt: string;
  similarCases: SimilarCase[];
}

export interface Abstained extends SuggestionBase {
  abstained: true;
  message: string;
}

export interface Proposed extends SuggestionBase {
  abstained: false;
  category: { value: string; confidence: number; evidence: Evidence } | null;
  actions: { steps: string[]; source: string; confidence: number; evidence: Evidence } | null;
  reply: {
    text: string;
    filledSlots: string[];
    missingSlots: string[];
    fromCaseId: string;
    confidence: number;
    evidence: Evidence;
  } | null;
  nextAction: { action: string; confidence: number } | null;
  followUp: { likely: boolean; probability: number; evidence: Evidence } | null;
  offers: { id: string; title: string; reason: string }[];
}

export type Suggestion = Abstained | Proposed;

export type Verdict = 'accepted' | 'edited' | 'rejected';

export const isWarmingUp = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 503 && error.code === 'reasoning.warming_up';

/** A server started without the reasoning service has no suggestion routes at all. */
export const isSwitchedOff = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 404 && error.code === 'route.not_found';

/**
 * Each GET issues a suggestion with its own id (for feedback), so it is kept for a minute and not
 * refetched on focus (the agent's feedback refers to what is on screen); while the engine loads its case base (503 reasoning.warming_up) it is retried every 5 s.
 */
export function useSuggestions(caseId: string, enabled = true, retryDelayMs = 5_000) {
  return useQuery({
    queryKey: keys.suggestions(caseId),
    queryFn: ({ signal }) => get<Suggestion>(`/cases/${caseId}/suggestions`, signal),
    enabled,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: (count, error) => isWarmingUp(error) && count < 60,
    retryDelay: retryDelayMs,
  });
}

export function useSuggestionFeedback(caseId: string, suggestionId: string) {
  return useMutation({
    mutationFn: async (input: { verdict: Verdict; editedText?: string }) =>
      (
        await request<{ suggestionId: string; verdict: Verdict }>(
          `/cases/${caseId}/suggestions/${suggestionId}/feedback`,
          { method: 'POST', body: input },
        )
      ).data,
  });
}
