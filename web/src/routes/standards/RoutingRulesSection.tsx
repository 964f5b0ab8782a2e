import { Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import { type RoutingRule, type TeamRouting, useRoutingRules } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { EditButton, type Editing, EditorModal } from './EditorModal.tsx';
import { formatConditions } from './format.ts';
import { RoutingRuleForm } from './RoutingRuleForm.tsx';

/** Routing rules in list order: conditions → team; managers create, reorder and retire them. */
export function RoutingRulesSection({ canManage, teams }: { canManage: boolean; teams: TeamRouting[] }) {
  const rules = useRoutingRules();
  const sites = useSites();
  const [editing, setEditing] = useState<Editing<RoutingRule>>(null);
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'Unknown team';
  const sorted = [...(rules.data ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.position - b.position || a.name.localeCompare(b.name),
  );
  return (
    <section aria-label="Routing rules">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={2} size="h4">
            Routing rules
          </Title>
          <Text size="sm" c="dimmed">
            A new case goes to the team of the most specific matching rule (skills, category, language, tier,
            channel, site); the order breaks ties.
          </Text>
        </div>
        {canManage && (
          <Button onClick={() => setEditing('new')} disabled={teams.length === 0}>
            New rule
          </Button>
        )}
      </Group>
      {rules.isPending ? (
        <Loading label="Loading routing rules" rows={3} />
      ) : rules.error ? (
        <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState title="No routing rules">New cases wait unassigned until someone takes them.</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Routing rules" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Order</Table.Th>
                <Table.Th>Rule</Table.Th>
                <Table.Th>When the case has</Table.Th>
                <Table.Th>Team</Table.Th>
                {canManage && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((r) => (
                <Table.Tr key={r.id} opacity={r.active ? 1 : 0.6}>
                  <Table.Td>{r.position}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {r.name}
                    </Text>
                    {!r.active && (
                      <Badge size="xs" color="gray">
                        retired
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatConditions({ ...r.conditions, skills: r.skills }, { siteId: siteName })}
                    </Text>
                  </Table.Td>
                  <Table.Td>→ {teamName(r.teamId)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <EditButton label={`Edit ${r.name}`} onClick={() => setEditing(r)} />
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
        newTitle="New routing rule"
        editTitle={(r) => `Edit ${r.name}`}
        size="xl"
      >
        {(rule) => (
          <Stack>
            <RoutingRuleForm
              rule={rule}
              teams={teams}
              nextPosition={Math.max(0, ...(rules.data ?? []).map((r) => r.position + 10))}
              onDone={() => setEditing(null)}
            />
          </Stack>
        )}
      </EditorModal>
    </section>
  );
}
