import { InvalidInput, NotFound } from '../../core/errors.ts';
import type { FeedbackVerdict } from '../../core/reasoning/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { incrementCaseFeedback, insertFeedback, loadSuggestion } from '../../db/repositories/reasoning.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface FeedbackInput {
  verdict: FeedbackVerdict;
  editedText?: string;
}

/**
 * Revise: the agent's verdict on a suggestion shifts the reliability of every case it was built
 * from, in the database (so a rebuild keeps it) and in this process's case base at once.
 */
export async function recordSuggestionFeedback(
  ctx: CommandContext,
  reasoning: ReasoningService,
  caseId: string,
  suggestionId: string,
  input: FeedbackInput,
): Promise<{
  id: string;
  suggestionId: string;
  verdict: FeedbackVerdict;
  casesCredited: number;
  createdAt: Date;
}> {
  authorize(ctx.actor, 'reasoning.suggest');
  if (input.verdict !== 'edited' && input.editedText !== undefined) {
    throw new InvalidInput(
      'reasoning.edited_text_without_edit',
      'editedText goes with the verdict "edited".',
    );
  }
  const { feedback, rows } = await ctx.db.transaction(async (tx) => {
    const suggestion = await loadSuggestion(tx, suggestionId);
    if (!suggestion || suggestion.caseId !== caseId) throw new NotFound('suggestion', suggestionId);
    if (suggestion.abstained) {
      throw new InvalidInput(
        'reasoning.nothing_to_judge',
        'This suggestion said "no similar case"; there is nothing to accept or reject.',
      );
    }
    const feedback = await insertFeedback(tx, {
      suggestionId,
      caseId,
      agentId: ctx.actor.id,
      verdict: input.verdict,
      ...(input.editedText !== undefined ? { editedText: input.editedText } : {}),
    });
    if (!feedback) {
      throw new InvalidInput(
        'reasoning.feedback_already_given',
        'You already gave your verdict on this suggestion.',
        { suggestionId },
      );
    }
    const rows = await incrementCaseFeedback(tx, suggestion.sourceCaseIds, input.verdict);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'reasoning.feedback_recorded',
        entity: 'case',
        entityId: caseId,
        after: { suggestionId, verdict: input.verdict, sourceCaseIds: suggestion.sourceCaseIds },
      },
    ]);
    return { feedback, rows };
  });
  reasoning.applyRows(rows);
  ctx.events.publish([
    {
      type: 'reasoning.feedback_recorded',
      actor: ctx.actor,
      at: ctx.clock.now(),
      data: { caseId, suggestionId, verdict: input.verdict },
    },
  ]);
  return {
    id: feedback.id,
    suggestionId,
    verdict: input.verdict,
    casesCredited: rows.length,
    createdAt: feedback.createdAt,
  };
}
