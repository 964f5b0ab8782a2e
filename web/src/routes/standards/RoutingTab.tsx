import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAgents, useSites } from '../../api/directory.ts';
import { type TeamRouting, useTeams } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Editing, EditorModal } from './EditorModal.tsx';
import { RoutingRulesSection } from './RoutingRulesSection.tsx';
import { TeamForm } from './TeamForm.tsx';
import { TeamRoutingCard } from './TeamRoutingCard.tsx';

/** Routing rules, then each team's assignment strategy and its members' presence and capacity. */
export function RoutingTab({ canManage }: { canManage: boolean }) {
  const teams = useTeams();
  const agents = useAgents();
  const sites = useSites();
  const [editing, setEditing] = useState<Editing<TeamRouting>>(null);
  if (teams.isPending) return <Loading label="Loading teams" />;
  if (teams.error) return <ProblemAlert error={teams.error} onRetry={() => void teams.refetch()} />;
  return (
    <Stack gap="xl">
      <RoutingRulesSection canManage={canManage} teams={teams.data} />
      <section aria-label="Teams">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Teams
          </Title>
          {canManage && (
            <Button size="sm" onClick={() => setEditing('new')}>
              New team
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mb="xs">
          Inside a team, a case goes to an online member under capacity: the next in order (round robin) or
          the one with the lowest share of their capacity in use (least loaded).
        </Text>
        {teams.data.length === 0 ? (
          <EmptyState title="No teams">
            {canManage ? 'Create a team, then add its members.' : 'A manager has not created any yet.'}
          </EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, xl: 2 }}>
            {teams.data.map((t) => (
              <TeamRoutingCard
                key={`${t.id}:${t.strategy}:${t.memberIds.join()}`}
                team={t}
                agents={agents.data ?? []}
                siteName={sites.data?.find((s) => s.id === t.siteId)?.name ?? null}
                canManage={canManage}
                onEdit={() => setEditing(t)}
              />
            ))}
          </SimpleGrid>
        )}
      </section>
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="New team"
        editTitle={(t) => `Edit team ${t.name}`}
      >
        {(team) => <TeamForm team={team} sites={sites.data ?? []} onDone={() => setEditing(null)} />}
      </EditorModal>
    </Stack>
  );
}
