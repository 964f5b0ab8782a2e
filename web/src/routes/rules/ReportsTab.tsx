import { Anchor, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  type AgentReportRow,
  type RuleReportRow,
  useAgentReport,
  useCatalogue,
  useRuleReport,
} from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { humanize } from '../../lib/format.ts';
import { formatMinor } from './money.ts';
import { rulePath } from './RuleCard.tsx';

const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);

/** What the rules did and how much of their authority agents use (managers and admins). */
export function ReportsTab() {
  const [days, setDays] = useState(30);
  return (
    <Stack gap="lg">
      <NativeSelect
        label="Period"
        w={200}
        value={String(days)}
        onChange={(e) => setDays(Number(e.currentTarget.value))}
        data={[
          { value: '7', label: 'Last 7 days' },
          { value: '30', label: 'Last 30 days' },
          { value: '90', label: 'Last 90 days' },
          { value: '365', label: 'Last 365 days' },
        ]}
      />
      <section aria-label="Per rule">
        <Title order={2} size="h4" mb="xs">
          Per rule
        </Title>
        <RuleReport days={days} />
      </section>
      <section aria-label="Per agent">
        <Title order={2} size="h4" mb="xs">
          Per agent: authority used against held
        </Title>
        <AgentReport days={days} />
      </section>
    </Stack>
  );
}

export function RuleReport({ days }: { days: number }) {
  const report = useRuleReport(days);
  if (report.isPending) return <Loading label="Loading the rule report" rows={3} />;
  if (report.error) return <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.rows.length === 0)
    return (
      <EmptyState title="No decisions in this period">Rules count once agents act under them.</EmptyState>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder aria-label="Decisions per rule">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th ta="right">Allowed</Table.Th>
            <Table.Th ta="right">Needed approval</Table.Th>
            <Table.Th ta="right">Denied</Table.Th>
            <Table.Th ta="right">Overridden</Table.Th>
            <Table.Th ta="right">Cases</Table.Th>
            <Table.Th ta="right">Repeat contact</Table.Th>
            <Table.Th>CSAT</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.data.rows.map((r) => (
            <RuleRow key={r.ruleId ?? 'none'} row={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RuleRow({ row: r }: { row: RuleReportRow }) {
  return (
    <Table.Tr>
      <Table.Td>
        {r.ruleId ? (
          <Anchor href={`#${rulePath(r.ruleId)}`} size="sm">
            {r.ruleName ?? r.ruleId.slice(0, 8)}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            No rule covered it
          </Text>
        )}
      </Table.Td>
      <Table.Td>{r.owner?.name ?? '—'}</Table.Td>
      <Table.Td ta="right">{r.allowed}</Table.Td>
      <Table.Td ta="right">{r.needsApproval}</Table.Td>
      <Table.Td ta="right">{r.denied}</Table.Td>
      <Table.Td ta="right">{r.overridden}</Table.Td>
      <Table.Td ta="right">{r.cases}</Table.Td>
      <Table.Td ta="right">{percent(r.repeatContactRate)}</Table.Td>
      <Table.Td>
        {r.csatAverage === null ? (
          <Text size="sm" c="dimmed">
            no ratings yet
          </Text>
        ) : (
          `${r.csatAverage.toFixed(1)} / 5 (${r.csatResponses})`
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function AgentReport({ days }: { days: number }) {
  const report = useAgentReport(days);
  const catalogue = useCatalogue();
  const labels = new Map((catalogue.data ?? []).map((t) => [t.id, t.label]));
  if (report.isPending) return <Loading label="Loading the agent report" rows={3} />;
  if (report.error) return <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.rows.length === 0)
    return <EmptyState title="Nobody holds authority yet">Add a rule with a per-day limit.</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder aria-label="Authority per agent">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th ta="right">Used</Table.Th>
            <Table.Th ta="right">Held over the period</Table.Th>
            <Table.Th ta="right">Share used</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.data.rows.map((r) => (
            <AgentRow key={`${r.agentId}:${r.actionType}`} row={r} label={labels.get(r.actionType)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AgentRow({ row: r, label }: { row: AgentReportRow; label?: string | undefined }) {
  const money = r.currency !== null;
  const actions = `${r.usedActions} action${r.usedActions === 1 ? '' : 's'}`;
  const used = money && r.currency ? `${formatMinor(r.usedAmountMinor, r.currency)} in ${actions}` : actions;
  const held =
    money && r.heldAmountMinor !== null && r.currency
      ? formatMinor(r.heldAmountMinor, r.currency)
      : r.heldActions !== null
        ? `${r.heldActions} actions`
        : 'no daily limit';
  return (
    <Table.Tr>
      <Table.Td>{r.agentName}</Table.Td>
      <Table.Td>{label ?? humanize(r.actionType)}</Table.Td>
      <Table.Td ta="right">{used}</Table.Td>
      <Table.Td ta="right">{held}</Table.Td>
      <Table.Td ta="right">{percent(money ? r.amountUtilisation : r.actionUtilisation)}</Table.Td>
    </Table.Tr>
  );
}
