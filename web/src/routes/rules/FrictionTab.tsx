import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import {
  type FrictionReportDetail,
  type FrictionView,
  useAnswerFriction,
  useFrictionReports,
  useRules,
  useWithdrawFriction,
} from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { rulePath } from './RuleCard.tsx';

type Status = '' | 'open' | 'answered' | 'withdrawn';

const VERDICTS = { keep: 'Keep the rule', change: 'Change it', retire: 'Retire it' } as const;

/**
 * Friction reports: "this rule hurts customers because …". The owner answers the ones on their
 * rules (keep, change or retire, in writing), with the flagged cases a click away; a reporter may
 * withdraw their own while it is open.
 */
export function FrictionTab() {
  const [view, setView] = useState<FrictionView>('owner');
  const [status, setStatus] = useState<Status>('open');
  const reports = useFrictionReports(view, status);
  const rules = useRules();
  const names = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="friction-view-label">
            Reports
          </Text>
          <SegmentedControl
            aria-labelledby="friction-view-label"
            value={view}
            onChange={(v) => setView(v as FrictionView)}
            data={[
              { value: 'owner', label: 'On my rules' },
              { value: 'mine', label: 'Raised by me' },
              { value: 'all', label: 'All' },
            ]}
          />
        </Stack>
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'answered', label: 'Answered' },
            { value: 'withdrawn', label: 'Withdrawn' },
            { value: '', label: 'Any' },
          ]}
        />
      </Group>
      {reports.isPending ? (
        <Loading label="Loading friction reports" rows={3} />
      ) : reports.error ? (
        <ProblemAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.length === 0 ? (
        <EmptyState title={status === 'open' ? 'No open reports' : 'No reports'}>
          {view === 'owner'
            ? 'When an agent flags a rule you own, it appears here with the cases attached.'
            : view === 'mine'
              ? 'Flag a rule from a case (Act for the customer → Flag this rule) and follow it here.'
              : 'Nobody has flagged a rule yet.'}
        </EmptyState>
      ) : (
        <Stack gap="xs">
          {reports.data.map((f) => (
            <FrictionCard key={f.id} report={f} ruleName={names.get(f.rule.id)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function FrictionCard({
  report: f,
  ruleName,
}: {
  report: FrictionReportDetail;
  ruleName?: string | undefined;
}) {
  const session = useSession();
  const when = (iso: string) => formatDateTime(iso, session.timeZone);
  const isOwner = f.owner.id === session.agent.id;
  const isReporter = f.reporter.id === session.agent.id;
  const withdraw = useWithdrawFriction();
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Friction report from ${f.reporter.name}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs">
          <Anchor href={`#${rulePath(f.rule.id)}`} fw={600}>
            {ruleName ?? 'Rule'} v{f.rule.version}
          </Anchor>
          <Badge
            variant="light"
            color={f.status === 'open' ? 'yellow' : f.status === 'answered' ? 'teal' : 'gray'}
          >
            {f.status}
          </Badge>
          {f.overdue && (
            <Badge color="red" variant="filled">
              overdue
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {f.status === 'open' ? `answer due ${when(f.answerDueAt)}` : ''}
        </Text>
      </Group>
      <Text size="sm">
        From {f.reporter.name} · {when(f.createdAt)} · to {f.owner.name}
      </Text>
      <Text size="sm">“{f.reason}”</Text>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Cases:
        </Text>
        {f.caseIds.map((id) => (
          <Anchor key={id} href={`#${paths.case(id)}`} size="sm" aria-label={`Open case ${id}`}>
            {id.slice(0, 8)}
          </Anchor>
        ))}
      </Group>
      {f.answer && (
        <Text size="sm" mt={4}>
          <b>
            {VERDICTS[f.answer.verdict]} — {f.answer.by.name}, {when(f.answer.at)}:
          </b>{' '}
          “{f.answer.response}”
        </Text>
      )}
      {f.status === 'withdrawn' && f.withdrawnAt && (
        <Text size="sm" c="dimmed">
          Withdrawn {when(f.withdrawnAt)}
        </Text>
      )}
      {f.status === 'open' && isOwner && <AnswerForm id={f.id} />}
      {f.status === 'open' && isReporter && (
        <Group mt="xs">
          <Button
            size="xs"
            variant="default"
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate(f.id)}
          >
            Withdraw my report
          </Button>
        </Group>
      )}
      {withdraw.error && <ProblemAlert error={withdraw.error} />}
    </Paper>
  );
}

function AnswerForm({ id }: { id: string }) {
  const answer = useAnswerFriction();
  const [verdict, setVerdict] = useState<keyof typeof VERDICTS>('keep');
  const [response, setResponse] = useState('');
  return (
    <Stack
      gap="xs"
      mt="xs"
      component="form"
      aria-label="Answer the report"
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ id, verdict, response: response.trim() });
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Your answer"
          size="xs"
          data={Object.entries(VERDICTS).map(([value, label]) => ({ value, label }))}
          value={verdict}
          onChange={(e) => setVerdict(e.currentTarget.value as keyof typeof VERDICTS)}
        />
        <Textarea
          label="Response to the reporter (20+ characters)"
          size="xs"
          autosize
          minRows={1}
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button size="xs" type="submit" disabled={response.trim().length < 20} loading={answer.isPending}>
          Send answer
        </Button>
      </Group>
      {answer.error && <ProblemAlert error={answer.error} />}
    </Stack>
  );
}
