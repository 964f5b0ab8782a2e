import {
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import { type AttainmentReport, type SlaMetric, useSlaAttainment, useTeams } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { AttainmentTable } from './AttainmentTable.tsx';
import { formatTarget, METRIC_LABELS } from './format.ts';

const GROUPS = [
  { value: 'bySite', label: 'Site' },
  { value: 'byTeam', label: 'Team' },
  { value: 'byChannel', label: 'Channel' },
  { value: 'byPriority', label: 'Priority' },
] as const;
export type Grouping = (typeof GROUPS)[number]['value'];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period as the API takes it: [from 00:00 UTC, the day after `to` 00:00 UTC), or why not. */
export function period(from: string, to: string): { from: string; to: string } | { error: string } {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return { error: 'Pick both dates.' };
  if (b < a) return { error: 'The end date is before the start date.' };
  if (b + DAY - a > 366 * DAY) return { error: 'Pick at most 366 days.' };
  return { from: new Date(a).toISOString(), to: new Date(b + DAY).toISOString() };
}

/** SLA attainment over the cases created in a period, grouped by site, team, channel or priority. */
export function AttainmentTab() {
  const today = Date.now();
  const [from, setFrom] = useState(isoDay(today - 29 * DAY));
  const [to, setTo] = useState(isoDay(today));
  const [metric, setMetric] = useState<SlaMetric | ''>('');
  const [grouping, setGrouping] = useState<Grouping>('bySite');
  const range = period(from, to);
  const ok = 'from' in range;
  const report = useSlaAttainment(
    { from: ok ? range.from : '', to: ok ? range.to : '', metric: metric || undefined },
    ok,
  );
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label="To (inclusive)"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={170}
          error={ok ? undefined : range.error}
        />
        <NativeSelect
          label="Target"
          value={metric}
          onChange={(e) => setMetric(e.currentTarget.value as SlaMetric | '')}
          data={[
            { value: '', label: 'All targets' },
            ...Object.entries(METRIC_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          w={180}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="attainment-group-label">
            Group by
          </Text>
          <SegmentedControl
            aria-labelledby="attainment-group-label"
            value={grouping}
            onChange={(v) => setGrouping(v as Grouping)}
            data={GROUPS.map((g) => ({ value: g.value, label: g.label }))}
          />
        </div>
      </Group>
      <Text size="xs" c="dimmed">
        Cases created in the period (dates in UTC). A target counts as met or breached once settled; a late
        reply is breached; running targets are “open” and outside the percentage.
      </Text>
      {!ok ? null : report.isPending ? (
        <Loading label="Loading the attainment report" />
      ) : report.error ? (
        <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.cases === 0 ? (
        <EmptyState title="No cases with an SLA in this period">
          Pick a longer period, or check that an SLA policy applies to the cases.
        </EmptyState>
      ) : (
        <ReportBody report={report.data} grouping={grouping} />
      )}
    </Stack>
  );
}

function ReportBody({ report, grouping }: { report: AttainmentReport; grouping: Grouping }) {
  const sites = useSites();
  const teams = useTeams();
  const names: Record<Grouping, (key: string) => string> = {
    bySite: (k) => sites.data?.find((s) => s.id === k)?.name ?? k,
    byTeam: (k) => teams.data?.find((t) => t.id === k)?.name ?? k,
    byChannel: (k) => k,
    byPriority: (k) => k,
  };
  const o = report.overall;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Cases" value={String(report.cases)} />
        <Figure
          label="Met"
          value={o.metPct === null ? '—' : `${o.metPct}%`}
          hint={`${o.met} met · ${o.breached} breached`}
        />
        <Figure label="Open targets" value={String(o.open)} />
        <Figure
          label="Median first response"
          value={formatTarget(o.medianFirstResponseMs)}
          hint="business time"
        />
      </SimpleGrid>
      <AttainmentTable
        label={GROUPS.find((g) => g.value === grouping)!.label}
        rows={report[grouping]}
        name={names[grouping]}
      />
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
