import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  type Approval,
  type FrictionReport,
  useAnswerFriction,
  useApprovals,
  useDecideApproval,
  useFrictionQueue,
} from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useCan, useSession } from '../../session/SessionContext.tsx';

const humanise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');

/**
 * Authority work: the approvals waiting for me (approve or reject in one click; the list follows
 * authority.* events live), the requests I made, and friction reports on the rules I own.
 */
export function ApprovalsScreen() {
  const canApprove = useCan('authority.approve');
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1} size="h3">
        {canApprove ? 'Approvals' : 'Authority'}
      </Title>
      {canApprove && (
        <section aria-label="Waiting for your decision">
          <Title order={2} size="h4" mb="xs">
            Waiting for your decision
          </Title>
          <ApprovalList view="queue" />
        </section>
      )}
      <section aria-label="Your requests">
        <Title order={2} size="h4" mb="xs">
          Your requests
        </Title>
        <ApprovalList view="mine" />
      </section>
      <section aria-label="Friction reports on your rules">
        <Title order={2} size="h4" mb="xs">
          Friction reports on your rules
        </Title>
        <FrictionList />
      </section>
    </Stack>
  );
}

function ApprovalList({ view }: { view: 'queue' | 'mine' }) {
  const query = useApprovals(view);
  if (query.isPending) return <Loading label="Loading approvals" rows={3} />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = view === 'mine' ? query.data.slice(0, 20) : query.data;
  if (items.length === 0)
    return (
      <EmptyState title={view === 'queue' ? 'Nothing to approve' : 'No requests'}>
        {view === 'queue'
          ? 'Requests over an agent’s limit that you may decide appear here as they arrive.'
          : 'When an action needs approval, your request appears here.'}
      </EmptyState>
    );
  return (
    <Stack gap="xs">
      {items.map((a) => (
        <ApprovalRow key={a.id} approval={a} decide={view === 'queue'} />
      ))}
    </Stack>
  );
}

function ApprovalRow({ approval: a, decide }: { approval: Approval; decide: boolean }) {
  const session = useSession();
  const mutation = useDecideApproval();
  const [note, setNote] = useState('');
  const open = a.status === 'pending' || a.status === 'escalated';
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`${humanise(a.actionType)} for ${a.requester.name}`}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text fw={600}>
            {humanise(a.actionType)}
            {a.amount ? ` · ${a.amount.formatted}` : ''}
          </Text>
          <Badge
            variant="light"
            color={
              a.status === 'approved'
                ? 'teal'
                : a.status === 'rejected' || a.status === 'expired'
                  ? 'red'
                  : 'yellow'
            }
          >
            {a.status}
          </Badge>
          {a.overdue && (
            <Badge color="red" variant="filled">
              overdue
            </Badge>
          )}
        </Group>
        <Anchor href={`#${paths.case(a.caseId)}`} size="sm">
          Open case
        </Anchor>
      </Group>
      <Text size="sm">
        Asked by {a.requester.name} · {formatDateTime(a.requestedAt, session.timeZone)}
        {a.approver ? ` · for ${a.approver.name}` : ''}
        {open ? ` · due ${formatDateTime(a.deadline, session.timeZone)}` : ''}
      </Text>
      {a.justification && (
        <Text size="sm" c="dimmed">
          “{a.justification}”
        </Text>
      )}
      {decide && open && (
        <Group gap="xs" mt="xs" align="flex-end">
          <TextInput
            label="Note (required to reject, 15+ characters)"
            size="xs"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button
            size="xs"
            color="teal"
            loading={mutation.isPending && mutation.variables?.verdict === 'approve'}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ id: a.id, verdict: 'approve', note: note.trim() })}
          >
            Approve
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            loading={mutation.isPending && mutation.variables?.verdict === 'reject'}
            disabled={mutation.isPending || note.trim().length < 15}
            onClick={() => mutation.mutate({ id: a.id, verdict: 'reject', note: note.trim() })}
          >
            Reject
          </Button>
        </Group>
      )}
      {mutation.error && <ProblemAlert error={mutation.error} />}
    </Paper>
  );
}

function FrictionList() {
  const query = useFrictionQueue();
  if (query.isPending) return <Loading label="Loading friction reports" rows={2} />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0)
    return (
      <EmptyState title="No open reports">When an agent flags a rule you own, it appears here.</EmptyState>
    );
  return (
    <Stack gap="xs">
      {query.data.map((f) => (
        <FrictionRow key={f.id} report={f} />
      ))}
    </Stack>
  );
}

function FrictionRow({ report: f }: { report: FrictionReport }) {
  const session = useSession();
  const answer = useAnswerFriction();
  const [verdict, setVerdict] = useState<'keep' | 'change' | 'retire'>('keep');
  const [response, setResponse] = useState('');
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Friction report from ${f.reporter.name}`}>
      <Group gap="xs">
        <Text fw={600}>From {f.reporter.name}</Text>
        {f.overdue && (
          <Badge color="red" variant="filled">
            overdue
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          answer due {formatDateTime(f.answerDueAt, session.timeZone)}
        </Text>
      </Group>
      <Text size="sm">“{f.reason}”</Text>
      <Group gap="xs">
        {f.caseIds.map((id, i) => (
          <Anchor key={id} href={`#${paths.case(id)}`} size="sm">
            Case {i + 1}
          </Anchor>
        ))}
      </Group>
      <Group gap="xs" mt="xs" align="flex-end">
        <NativeSelect
          label="Answer"
          size="xs"
          data={[
            { value: 'keep', label: 'Keep the rule' },
            { value: 'change', label: 'Change it' },
            { value: 'retire', label: 'Retire it' },
          ]}
          value={verdict}
          onChange={(e) => setVerdict(e.currentTarget.value as typeof verdict)}
        />
        <TextInput
          label="Response (20+ characters)"
          size="xs"
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button
          size="xs"
          disabled={response.trim().length < 20}
          loading={answer.isPending}
          onClick={() => answer.mutate({ id: f.id, verdict, response: response.trim() })}
        >
          Send answer
        </Button>
      </Group>
      {answer.error && <ProblemAlert error={answer.error} />}
    </Paper>
  );
}
