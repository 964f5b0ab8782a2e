import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type EscalationPolicy, useEscalationPolicies, useSlaPolicies } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { EditButton, type Editing, EditorModal } from './EditorModal.tsx';
import { EscalationForm } from './EscalationForm.tsx';
import { describeLevel } from './escalationForm.ts';
import { VersionTag } from './VersionTag.tsx';

/** Escalation ladders, each with its levels and the SLA policies that use it (chosen on the policy). */
export function EscalationTab({ canManage }: { canManage: boolean }) {
  const ladders = useEscalationPolicies();
  const policies = useSlaPolicies();
  const [editing, setEditing] = useState<Editing<EscalationPolicy>>(null);
  if (ladders.isPending) return <Loading label="Loading escalation ladders" />;
  if (ladders.error) return <ProblemAlert error={ladders.error} onRetry={() => void ladders.refetch()} />;
  const usedBy = (id: string) => (policies.data ?? []).filter((p) => p.escalationPolicyId === id && p.active);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A ladder runs when a case's SLA target is at risk or breached. Attach it to an SLA policy on the SLA
          policies tab.
        </Text>
        {canManage && <Button onClick={() => setEditing('new')}>New ladder</Button>}
      </Group>
      {ladders.data.length === 0 && (
        <EmptyState title="No escalation ladders">
          {canManage ? 'Create one, then pick it on an SLA policy.' : 'A manager has not set any yet.'}
        </EmptyState>
      )}
      {ladders.data.map((l) => (
        <Paper key={l.id} withBorder p="sm" component="article" aria-label={l.name}>
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={600}>{l.name}</Text>
              <VersionTag version={l.version} active={l.active} inactiveLabel="inactive" />
            </Group>
            {canManage && <EditButton label={`Edit ${l.name}`} onClick={() => setEditing(l)} />}
          </Group>
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label={`Levels of ${l.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Level</Table.Th>
                  <Table.Th w={200}>When</Table.Th>
                  <Table.Th>What happens</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...l.levels]
                  .sort((a, b) => a.level - b.level)
                  .map((level) => {
                    const d = describeLevel(level);
                    return (
                      <Table.Tr key={level.level}>
                        <Table.Td>{level.level}</Table.Td>
                        <Table.Td>{d.when}</Table.Td>
                        <Table.Td>{d.what}</Table.Td>
                      </Table.Tr>
                    );
                  })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt={4}>
            Used by:{' '}
            {usedBy(l.id)
              .map((p) => p.name)
              .join(', ') || 'no active SLA policy'}
          </Text>
        </Paper>
      ))}
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="New escalation ladder"
        editTitle={(l) => `Edit ${l.name}`}
        size="xl"
      >
        {(policy) => <EscalationForm policy={policy} onDone={() => setEditing(null)} />}
      </EditorModal>
    </Stack>
  );
}
