import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useCatalogue, useFrictionReports, useRule } from '../../api/authority.ts';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { paths } from '../../lib/router.ts';
import { useCan } from '../../session/SessionContext.tsx';
import type { Directory } from './describe.ts';
import { FrictionCard } from './FrictionTab.tsx';
import { RuleCard } from './RuleCard.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RuleHistory } from './RuleHistory.tsx';

/** One rule: its latest version, an editor that saves a new version (admins), and its history. */
export function RuleDetail({ id, dir }: { id: string; dir: Directory }) {
  const canManage = useCan('authority.manage_rules');
  const [editing, setEditing] = useState(false);
  const rule = useRule(id);
  const catalogue = useCatalogue();
  const back = (
    <Anchor href={`#${paths.rules()}`} size="sm">
      ← All rules
    </Anchor>
  );
  if (rule.isPending)
    return (
      <Stack>
        {back}
        <Loading label="Loading the rule" rows={5} />
      </Stack>
    );
  if (rule.error)
    return (
      <Stack>
        {back}
        <ProblemAlert error={rule.error} onRetry={() => void rule.refetch()} />
      </Stack>
    );
  const r = rule.data;
  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {r.name}
        </Title>
        {canManage && !editing && (
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit rule
          </Button>
        )}
      </Group>
      <RuleCard rule={r} dir={dir} actionLabel={catalogue.data?.find((t) => t.id === r.actionType)?.label} />
      {canManage && editing && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            Save a new version of v{r.version}
          </Title>
          <RuleForm rule={r} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />
        </Paper>
      )}
      <RuleHistory versions={r.versions ?? [r]} inForceVersion={r.inForceVersion} dir={dir} />
      <RuleFriction ruleId={r.id} ruleName={r.name} />
    </Stack>
  );
}

/** What agents said about this rule, every status, newest first as the server orders them. */
function RuleFriction({ ruleId, ruleName }: { ruleId: string; ruleName: string }) {
  const reports = useFrictionReports('all', '', ruleId);
  return (
    <section aria-label="Friction reports on this rule">
      <Title order={3} size="h5" mb="xs">
        Friction reports on this rule
      </Title>
      {reports.isPending ? (
        <Loading label="Loading friction reports" rows={2} />
      ) : reports.error ? (
        <ProblemAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has flagged this rule.
        </Text>
      ) : (
        <Stack gap="xs">
          {reports.data.map((f) => (
            <FrictionCard key={f.id} report={f} ruleName={ruleName} />
          ))}
        </Stack>
      )}
    </section>
  );
}
