import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { type Override, useAcknowledgeOverride, useOverrides, useRules } from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useCan, useSession } from '../../session/SessionContext.tsx';
import { rulePath } from './RuleCard.tsx';

/** Overrides of my rules (every override is reported to the rule's owner), or all for managers. */
export function OverridesTab() {
  const canSeeAll = useCan('authority.report');
  const [owner, setOwner] = useState<'me' | 'all'>('me');
  const overrides = useOverrides(owner);
  const rules = useRules();
  const names = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  return (
    <Stack gap="md">
      {canSeeAll && (
        <SegmentedControl
          aria-label="Which overrides"
          w="fit-content"
          value={owner}
          onChange={(v) => setOwner(v as 'me' | 'all')}
          data={[
            { value: 'me', label: 'On my rules' },
            { value: 'all', label: 'All rules' },
          ]}
        />
      )}
      {overrides.isPending ? (
        <Loading label="Loading overrides" rows={3} />
      ) : overrides.error ? (
        <ProblemAlert error={overrides.error} onRetry={() => void overrides.refetch()} />
      ) : overrides.data.length === 0 ? (
        <EmptyState title="No overrides">
          When a lead overrides one of {owner === 'me' ? 'your rules' : 'the rules'}, it appears here with the
          justification.
        </EmptyState>
      ) : (
        <Stack gap="xs">
          {overrides.data.map((o) => (
            <OverrideCard key={o.id} override={o} ruleName={names.get(o.rule.id)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function OverrideCard({ override: o, ruleName }: { override: Override; ruleName?: string | undefined }) {
  const session = useSession();
  const isAdmin = useCan('authority.manage_rules');
  const acknowledge = useAcknowledgeOverride();
  const mayAcknowledge = o.reportTo.id === session.agent.id || isAdmin;
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Override by ${o.by.name}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>
            {humanize(o.actionType)}
            {o.amount ? ` · ${o.amount.formatted}` : ''}
          </Text>
          <Badge variant="light" color="orange">
            overrode {o.overriddenOutcome.replace(/_/g, ' ')}
          </Badge>
          {o.acknowledgedAt ? (
            <Badge variant="light" color="teal">
              acknowledged
            </Badge>
          ) : (
            <Badge variant="filled" color="yellow">
              new
            </Badge>
          )}
        </Group>
        <Anchor href={`#${paths.case(o.caseId)}`} size="sm">
          Open case
        </Anchor>
      </Group>
      <Text size="sm">
        {o.by.name} for {o.forAgent.name} · {formatDateTime(o.at, session.timeZone)} · rule{' '}
        <Anchor href={`#${rulePath(o.rule.id)}`} size="sm">
          {ruleName ?? o.rule.id.slice(0, 8)} v{o.rule.version}
        </Anchor>{' '}
        owned by {o.reportTo.name}
      </Text>
      <Text size="sm" c="dimmed">
        “{o.justification}”
      </Text>
      {!o.acknowledgedAt && mayAcknowledge && (
        <Group mt="xs">
          <Button
            size="xs"
            variant="light"
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(o.id)}
          >
            Acknowledge
          </Button>
        </Group>
      )}
      {acknowledge.error && <ProblemAlert error={acknowledge.error} />}
    </Paper>
  );
}
