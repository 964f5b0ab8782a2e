import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useCatalogue, useRules } from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { navigate } from '../../lib/router.ts';
import { useCan } from '../../session/SessionContext.tsx';
import { ActionTypeForm } from './ActionTypeForm.tsx';
import { RuleCard, rulePath, useDirectory } from './RuleCard.tsx';
import { RuleDetail } from './RuleDetail.tsx';
import { RuleForm } from './RuleForm.tsx';

/** Every rule with its latest version; admins create rules and add action types here. */
export function RulesTab({ ruleId }: { ruleId: string | null }) {
  const canManage = useCan('authority.manage_rules');
  const [creating, setCreating] = useState<'rule' | 'type' | null>(null);
  const [actionType, setActionType] = useState('');
  const [all, setAll] = useState(false);
  const rules = useRules();
  const catalogue = useCatalogue();
  const dir = useDirectory();
  if (ruleId) return <RuleDetail id={ruleId} dir={dir} />;

  const labels = new Map((catalogue.data ?? []).map((t) => [t.id, t.label]));
  const shown = (rules.data ?? []).filter(
    (r) => (all || r.inForce) && (!actionType || r.actionType === actionType),
  );
  const hidden = (rules.data?.length ?? 0) - shown.length;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          Who may do what for a customer, up to which limit, and who answers for it.
        </Text>
        {canManage && (
          <Group gap="xs">
            <Button size="sm" onClick={() => setCreating('rule')} disabled={creating !== null}>
              New rule
            </Button>
            <Button
              size="sm"
              variant="light"
              onClick={() => setCreating('type')}
              disabled={creating !== null}
            >
              Add action type
            </Button>
          </Group>
        )}
      </Group>
      {canManage && creating === 'rule' && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            New rule
          </Title>
          <RuleForm
            onCancel={() => setCreating(null)}
            onSaved={(rule) => {
              setCreating(null);
              navigate(rulePath(rule.id));
            }}
          />
        </Paper>
      )}
      {canManage && creating === 'type' && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Add an action type
          </Title>
          <ActionTypeForm onDone={() => setCreating(null)} />
        </Paper>
      )}
      {rules.isPending ? (
        <Loading label="Loading rules" rows={4} />
      ) : rules.error ? (
        <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState title="No rules yet">
          Without a rule nobody may act; the action type’s default owner decides.
          {canManage ? ' Create the first rule with New rule.' : ''}
        </EmptyState>
      ) : (
        <Stack gap="xs">
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect
              label="Action type"
              value={actionType}
              onChange={(e) => setActionType(e.currentTarget.value)}
              data={[
                { value: '', label: 'All action types' },
                ...(catalogue.data ?? []).map((t) => ({ value: t.id, label: t.label })),
              ]}
            />
            <Checkbox
              label="Include rules not in force (scheduled or ended)"
              checked={all}
              onChange={(e) => setAll(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          {shown.length === 0 && (
            <EmptyState title="No rule matches">
              {hidden} rule{hidden === 1 ? ' is' : 's are'} hidden by the filters.
            </EmptyState>
          )}
          {shown.map((r) => (
            <RuleCard key={r.id} rule={r} dir={dir} actionLabel={labels.get(r.actionType)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
