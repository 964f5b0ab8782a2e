import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import { type SlaPolicy, useEscalationPolicies, useSlaPolicies } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { EditButton, type Editing, EditorModal } from './EditorModal.tsx';
import { formatConditions, formatTarget } from './format.ts';
import { SlaPolicyForm } from './SlaPolicyForm.tsx';
import { VersionTag } from './VersionTag.tsx';

function atRiskText(p: SlaPolicy): string {
  const { fraction, withinMs } = p.atRisk;
  if (fraction === undefined && withinMs === undefined) return '20% left';
  return [
    fraction !== undefined ? `${Math.round(fraction * 1000) / 10}% left` : '',
    withinMs !== undefined ? `${formatTarget(withinMs)} left` : '',
  ]
    .filter(Boolean)
    .join(' or ');
}

/** SLA policies with what they apply to and their targets; managers create and edit them. */
export function SlaPoliciesTab({ canManage }: { canManage: boolean }) {
  const policies = useSlaPolicies();
  const ladders = useEscalationPolicies();
  const sites = useSites();
  const [editing, setEditing] = useState<Editing<SlaPolicy>>(null);
  if (policies.isPending) return <Loading label="Loading SLA policies" />;
  if (policies.error) return <ProblemAlert error={policies.error} onRetry={() => void policies.refetch()} />;
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const ladderName = (id: string | null) =>
    id ? (ladders.data?.find((l) => l.id === id)?.name ?? 'Unknown ladder') : '—';
  const sorted = [...policies.data].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          The most specific matching policy applies to a case (tier, then priority, site, channel).
        </Text>
        {canManage && <Button onClick={() => setEditing('new')}>New policy</Button>}
      </Group>
      {sorted.length === 0 ? (
        <EmptyState title="No SLA policies">
          {canManage
            ? 'Create one; keep a catch-all policy with no conditions.'
            : 'A manager has not set any yet.'}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="SLA policies" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Policy</Table.Th>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>First response</Table.Th>
                <Table.Th>Next response</Table.Th>
                <Table.Th>Resolution</Table.Th>
                <Table.Th>Clock</Table.Th>
                <Table.Th>At risk</Table.Th>
                <Table.Th>Escalation</Table.Th>
                {canManage && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((p) => (
                <Table.Tr key={p.id} opacity={p.active ? 1 : 0.6}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {p.name}
                    </Text>
                    <Group gap={4}>
                      <VersionTag version={p.version} active={p.active} inactiveLabel="retired" />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatConditions({ ...p.conditions }, { siteId: siteName })}</Text>
                  </Table.Td>
                  <Table.Td>{formatTarget(p.targets.first_response)}</Table.Td>
                  <Table.Td>{formatTarget(p.targets.next_response)}</Table.Td>
                  <Table.Td>{formatTarget(p.targets.resolution)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.hours === 'business' ? 'blue' : 'gray'}>
                      {p.hours === 'business' ? 'Business' : 'Calendar'}
                    </Badge>
                    {p.pauseWhilePending && (
                      <Text size="xs" c="dimmed">
                        pauses when pending
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{atRiskText(p)}</Table.Td>
                  <Table.Td>{ladderName(p.escalationPolicyId)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <EditButton label={`Edit ${p.name}`} onClick={() => setEditing(p)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="New SLA policy"
        editTitle={(p) => `Edit ${p.name}`}
        size="xl"
      >
        {(policy) => (
          <SlaPolicyForm policy={policy} ladders={ladders.data ?? []} onDone={() => setEditing(null)} />
        )}
      </EditorModal>
    </Stack>
  );
}
