import { Anchor, Badge, Group, Paper, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Rule } from '../../api/authority.ts';
import { useAgents, useSites } from '../../api/directory.ts';
import { useTeams } from '../../api/standards.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useSession } from '../../session/SessionContext.tsx';
import {
  type Directory,
  describeApproval,
  describeConditions,
  describeLimits,
  describeOverride,
  describeScope,
  directoryFrom,
  ruleStatus,
} from './describe.ts';

export const rulePath = (id: string) => `${paths.rules()}?rule=${encodeURIComponent(id)}`;

/** Names for scope ids, from the directory and GET /teams (cached by their hooks). */
export function useDirectory(): Directory {
  const agents = useAgents();
  const sites = useSites();
  const teams = useTeams();
  return useMemo(
    () => directoryFrom(agents.data, sites.data, teams.data),
    [agents.data, sites.data, teams.data],
  );
}

/** A rule at a glance: action, scope, limits, conditions, owner, approval, override, rationale, dates. */
export function RuleCard({
  rule: r,
  dir,
  actionLabel,
}: {
  rule: Rule;
  dir: Directory;
  actionLabel?: string | undefined;
}) {
  const session = useSession();
  const status = ruleStatus(r);
  const limits = describeLimits(r.limits);
  const conditions = describeConditions(r.conditions);
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Rule ${r.name}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Anchor href={`#${rulePath(r.id)}`} fw={600}>
            {r.name}
          </Anchor>
          <Badge variant="light" color={status.color}>
            {status.label}
          </Badge>
          <Badge variant="outline" color="gray">
            v{r.version}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {actionLabel ?? humanize(r.actionType)} · {describeScope(r.scope, dir)}
        </Text>
      </Group>
      <Text size="sm">
        <b>Limits:</b> {limits.length ? limits.join('; ') : 'none'}
      </Text>
      {conditions.length > 0 && (
        <Text size="sm">
          <b>Only when:</b> {conditions.join('; ')}
        </Text>
      )}
      <Text size="sm">
        <b>Owner:</b> {r.owner.name} · <b>over the limit:</b> {describeApproval(r)} · <b>override:</b>{' '}
        {describeOverride(r)}
      </Text>
      <Text size="sm" c="dimmed">
        “{r.rationale}”
      </Text>
      <Text size="xs" c="dimmed">
        Effective {formatDateTime(r.effectiveFrom, session.timeZone)}
        {r.effectiveTo ? ` until ${formatDateTime(r.effectiveTo, session.timeZone)}` : ''}
      </Text>
    </Paper>
  );
}
