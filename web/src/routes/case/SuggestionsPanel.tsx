import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useCatalogue } from '../../api/authority.ts';
import { useCase } from '../../api/cases.ts';
import {
  isSwitchedOff,
  isWarmingUp,
  type Proposed,
  type SimilarCase,
  useSuggestionFeedback,
  useSuggestions,
  type Verdict,
} from '../../api/reasoning.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { paths } from '../../lib/router.ts';
import { useDraft } from '../../lib/useDraft.ts';
import { useCan, useSession } from '../../session/SessionContext.tsx';

const percent = (x: number) => `${Math.round(x * 100)}%`;
const humanise = (s: string) => s.replace(/_/g, ' ');

/**
 * What resolved similar past cases: the predicted category, the actions in order, a drafted reply
 * ("Use this reply" fills the composer's draft), what comes next, and feedback on it all.
 */
export function SuggestionsPanel({
  caseId,
  canReply,
  retryDelayMs,
}: {
  caseId: string;
  canReply: boolean;
  retryDelayMs?: number;
}) {
  const query = useSuggestions(caseId, true, retryDelayMs);
  return (
    <Paper withBorder p="sm" component="section" aria-label="Suggestions">
      <Title order={2} size="h5" mb="xs">
        Suggestions from similar cases
      </Title>
      {query.isPending ? (
        isWarmingUp(query.failureReason) ? (
          <Text size="sm" c="dimmed" role="status">
            Learning from past cases… (trying again shortly)
          </Text>
        ) : (
          <Loading label="Loading suggestions" rows={2} />
        )
      ) : isSwitchedOff(query.error) ? (
        <Text size="sm" c="dimmed">
          Suggestions are not switched on on this server.
        </Text>
      ) : query.error ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.abstained ? (
        <EmptyState title="No similar case">
          Nothing in past cases is close enough to suggest a resolution; handle this one yourself.
        </EmptyState>
      ) : (
        <ProposedView suggestion={query.data} canReply={canReply} />
      )}
    </Paper>
  );
}

function ProposedView({ suggestion: s, canReply }: { suggestion: Proposed; canReply: boolean }) {
  const [draft, setDraft] = useDraft(`${s.caseId}.reply`);
  const [used, setUsed] = useState<string | null>(null);
  const feedback = useSuggestionFeedback(s.caseId, s.id);
  const given = feedback.data?.verdict;
  const session = useSession();
  const canAct = useCan('authority.act');
  const catalogue = useCatalogue(canAct);
  const [, startAction] = useDraft(`${s.caseId}.action`);
  const timeline = useCase(s.caseId).data?.timeline;
  // The messages already on the case when the reply was used; the next reply the agent sends after
  // that is the used one: the same text is "accepted", a changed one "edited" with what was sent.
  const baseline = useRef<Set<string> | null>(null);
  const auto = useRef(false);
  useEffect(() => {
    if (used === null || !timeline || !baseline.current || auto.current || given || feedback.isPending)
      return;
    const sent = timeline.find(
      (m) =>
        m.direction === 'outbound' &&
        m.kind === 'message' &&
        m.authorId === session.agent.id &&
        !baseline.current?.has(m.id),
    );
    if (!sent) return;
    auto.current = true;
    feedback.mutate(
      sent.body.trim() === used.trim()
        ? { verdict: 'accepted' }
        : { verdict: 'edited', editedText: sent.body },
    );
  }, [used, timeline, given, feedback, session.agent.id]);

  const send = (verdict: Verdict) => {
    const edited =
      verdict === 'edited' && used !== null && draft.trim() && draft !== used ? draft : undefined;
    feedback.mutate(edited ? { verdict, editedText: edited } : { verdict });
  };

  return (
    <Stack gap="sm">
      {s.category && (
        <div>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Category
            </Text>
            <Badge variant="light">{humanise(s.category.value)}</Badge>
            <Text size="xs" c="dimmed">
              {percent(s.category.confidence)} confident
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {s.category.evidence.summary}
          </Text>
        </div>
      )}
      {s.actions && s.actions.steps.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Actions that resolved similar cases{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              ({percent(s.actions.confidence)} confident)
            </Text>
          </Text>
          <List type="ordered" size="sm" aria-label="Suggested actions">
            {s.actions.steps.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a sequence may repeat a step
              <List.Item key={`${i}:${step}`}>
                {humanise(step)}
                {catalogue.data?.some((t) => t.id === step) && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    ml={6}
                    aria-label={`Start ${humanise(step)}`}
                    onClick={() => {
                      startAction(step);
                      document
                        .getElementById(`actions-${s.caseId}`)
                        ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                    }}
                  >
                    Start
                  </Button>
                )}
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {s.actions.evidence.summary}
          </Text>
        </div>
      )}
      {s.reply && (
        <div>
          <Text size="sm" fw={600}>
            Drafted reply{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              ({percent(s.reply.confidence)} confident)
            </Text>
          </Text>
          <Paper bg="gray.0" p="xs" radius="sm">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="suggested-reply">
              {s.reply.text}
            </Text>
          </Paper>
          {s.reply.missingSlots.length > 0 && (
            <Text size="xs" c="orange.8">
              Fill in yourself: {s.reply.missingSlots.join(', ')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {s.reply.evidence.summary}
          </Text>
          {canReply && (
            <Button
              size="compact-sm"
              mt={4}
              onClick={() => {
                if (s.reply) {
                  setDraft(s.reply.text);
                  setUsed(s.reply.text);
                  if (timeline && !baseline.current) baseline.current = new Set(timeline.map((m) => m.id));
                }
              }}
            >
              {used ? 'Put it in the reply again' : 'Use this reply'}
            </Button>
          )}
          {used !== null && (
            <Text size="xs" c="teal.8" role="status">
              The reply is in your draft; edit it before sending if needed. Sending it records whether you
              used it as is or edited it.
            </Text>
          )}
        </div>
      )}
      {(s.nextAction || s.followUp) && (
        <div>
          {s.nextAction && (
            <Text size="sm">
              <b>Likely next:</b> {humanise(s.nextAction.action)} ({percent(s.nextAction.confidence)})
            </Text>
          )}
          {s.followUp && (
            <Text size="sm">
              <b>Follow-up contact:</b> {s.followUp.likely ? 'likely' : 'unlikely'} (
              {percent(s.followUp.probability)})
            </Text>
          )}
        </div>
      )}
      {s.offers.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Offers you could make (never sent automatically)
          </Text>
          <List size="sm">
            {s.offers.map((o) => (
              <List.Item key={o.id}>
                {o.title} —{' '}
                <Text span size="xs" c="dimmed">
                  {o.reason}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {s.similarCases.length > 0 && <SimilarCases cases={s.similarCases} />}
      <Group gap="xs" aria-label="Feedback on this suggestion" role="group">
        {given ? (
          <Text size="sm" c="teal.8" role="status">
            Thanks — feedback recorded ({given}).
          </Text>
        ) : (
          <>
            <Text size="sm">Was this useful?</Text>
            <Button
              size="compact-xs"
              variant="light"
              color="teal"
              onClick={() => send('accepted')}
              loading={feedback.isPending && feedback.variables?.verdict === 'accepted'}
            >
              👍 Used as is
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => send('edited')}
              loading={feedback.isPending && feedback.variables?.verdict === 'edited'}
            >
              ✎ Used with edits
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              onClick={() => send('rejected')}
              loading={feedback.isPending && feedback.variables?.verdict === 'rejected'}
            >
              👎 Not helpful
            </Button>
          </>
        )}
      </Group>
      {feedback.error && <ProblemAlert error={feedback.error} />}
    </Stack>
  );
}

function SimilarCases({ cases }: { cases: SimilarCase[] }) {
  return (
    <details>
      <summary>
        <Text span size="sm" fw={600}>
          {cases.length} similar {cases.length === 1 ? 'case' : 'cases'} and why they matched
        </Text>
      </summary>
      <Stack gap={6} mt={4}>
        {cases.map((c) => (
          <Paper key={c.caseId} withBorder p={6} radius="sm">
            <Group gap={6} justify="space-between" wrap="nowrap">
              <a href={`#${paths.case(c.caseId)}`}>
                <Text size="xs" span>
                  {c.category ? humanise(c.category) : 'past case'}
                </Text>
              </a>
              <Text size="xs" c="dimmed">
                score {c.score.toFixed(2)}
                {c.outcome.csat !== null ? ` · CSAT ${c.outcome.csat}` : ''}
                {c.outcome.reopened ? ' · reopened' : ''}
              </Text>
            </Group>
            <Text size="xs" lineClamp={2}>
              {c.problem}
            </Text>
            {c.why.sharedTerms.length > 0 && (
              <Text size="xs" c="dimmed">
                Shared words: {c.why.sharedTerms.join(', ')}
              </Text>
            )}
            {c.why.matchingAttributes.length > 0 && (
              <Text size="xs" c="dimmed">
                Same {c.why.matchingAttributes.map(humanise).join(', ')}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </details>
  );
}
