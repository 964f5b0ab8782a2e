import { Badge, Group, Text } from '@mantine/core';
import { type SlaTarget, useCaseSla } from '../../api/standards.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime, formatSpan } from '../../lib/format.ts';

const METRIC: Record<string, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

/** One SLA target as a badge: time left, at risk, breached, paused or met. */
export function slaBadge(t: Pick<SlaTarget, 'status' | 'paused' | 'timeLeftMs'>): {
  text: string;
  color: string;
} {
  if (t.status === 'met') return { text: 'met', color: 'gray' };
  if (t.status === 'breached') return { text: `breached ${formatSpan(t.timeLeftMs)} ago`, color: 'red' };
  if (t.paused) return { text: `paused · ${formatSpan(t.timeLeftMs)} left`, color: 'gray' };
  if (t.status === 'at_risk') return { text: `at risk · ${formatSpan(t.timeLeftMs)} left`, color: 'orange' };
  return { text: `${formatSpan(t.timeLeftMs)} left`, color: 'teal' };
}

/** The case's SLA targets in its header, refreshed every minute and on live events. */
export function SlaBadges({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const query = useCaseSla(caseId);
  if (query.isPending) return null;
  if (query.error) return <ProblemAlert error={query.error} />;
  const sla = query.data;
  if (!sla.policy || sla.targets.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No SLA target
      </Text>
    );
  return (
    <Group gap={6} aria-label={`SLA: ${sla.policy.name}`} role="group">
      {sla.targets.map((t) => {
        const badge = slaBadge(t);
        return (
          <Badge
            key={t.metric}
            color={badge.color}
            variant={t.status === 'breached' ? 'filled' : 'light'}
            size="sm"
            title={
              t.dueAt
                ? `Due ${formatDateTime(t.dueAt, timeZone)} (${sla.policy?.hours ?? ''} hours)`
                : undefined
            }
          >
            {METRIC[t.metric] ?? t.metric}: {badge.text}
          </Badge>
        );
      })}
    </Group>
  );
}
