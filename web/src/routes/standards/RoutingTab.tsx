import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useAgents, useSites } from '../../api/directory.ts';
import { useTeams } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RoutingRulesSection } from './RoutingRulesSection.tsx';
import { TeamRoutingCard } from './TeamRoutingCard.tsx';

/** Routing rules, then each team's assignment strategy and its members' presence and capacity. */
export function RoutingTab({ canManage }: { canManage: boolean }) {
  const teams = useTeams();
  const agents = useAgents();
  const sites = useSites();
  if (teams.isPending) return <Loading label="Loading teams" />;
  if (teams.error) return <ProblemAlert error={teams.error} onRetry={() => void teams.refetch()} />;
  return (
    <Stack gap="xl">
      <RoutingRulesSection canManage={canManage} teams={teams.data} />
      <section aria-label="Teams">
        <Title order={2} size="h4">
          Teams
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Inside a team, a case goes to an online member under capacity: the next in order (round robin) or
          the one with the lowest share of their capacity in use (least loaded).
        </Text>
        {teams.data.length === 0 ? (
          <EmptyState title="No teams">Teams are created with the directory.</EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, xl: 2 }}>
            {teams.data.map((t) => (
              <TeamRoutingCard
                key={`${t.id}:${t.strategy}:${t.memberIds.join()}`}
                team={t}
                agents={agents.data ?? []}
                siteName={sites.data?.find((s) => s.id === t.siteId)?.name ?? null}
                canManage={canManage}
              />
            ))}
          </SimpleGrid>
        )}
      </section>
    </Stack>
  );
}
