import { NotFound } from '../../core/errors.ts';
import type { Suggestion } from '../../core/reasoning/index.ts';
import { insertSuggestion, loadSuggestionContext } from '../../db/repositories/reasoning.ts';
import type { ProactiveOffer, ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface IssuedSuggestion {
  id: string;
  caseId: string;
  createdAt: Date;
  suggestion: Suggestion;
  offers: ProactiveOffer[];
}

/**
 * Retrieve + reuse for one case. Each answer is stored with a stable id, so the agent's verdict
 * (accepted, edited, rejected) can later be credited to the cases it was built from.
 */
export async function getCaseSuggestions(
  ctx: CommandContext,
  reasoning: ReasoningService,
  caseId: string,
): Promise<IssuedSuggestion> {
  authorize(ctx.actor, 'reasoning.suggest');
  const context = await loadSuggestionContext(ctx.db.db, caseId);
  if (!context) throw new NotFound('case', caseId);
  const { suggestion, offers } = await reasoning.suggest(context);
  const stored = await ctx.db.transaction((tx) =>
    insertSuggestion(tx, {
      caseId,
      agentId: ctx.actor.id,
      abstained: suggestion.abstained,
      sourceCaseIds: suggestion.cases.map((c) => c.case.id),
      body: {
        abstained: suggestion.abstained,
        category: suggestion.category?.value ?? null,
        replyFromCaseId: suggestion.reply?.fromCaseId ?? null,
        actions: suggestion.actions?.steps ?? [],
      },
    }),
  );
  return { id: stored.id, caseId, createdAt: stored.createdAt, suggestion, offers };
}
