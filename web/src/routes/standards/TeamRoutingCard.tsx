import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { type TeamRouting, useSaveTeamRouting } from '../../api/standards.ts';
import type { Agent } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { MemberAvailability } from './MemberAvailability.tsx';

/**
 * A team's assignment: round robin (in the member order shown) or least loaded, its members with
 * their presence and capacity. Managers reorder, add and remove members and change the strategy.
 */
export function TeamRoutingCard({
  team,
  agents,
  siteName,
  canManage,
  onEdit,
}: {
  team: TeamRouting;
  agents: Agent[];
  siteName: string | null;
  canManage: boolean;
  /** Opens the team's name and site for editing (managers only). */
  onEdit?: () => void;
}) {
  const save = useSaveTeamRouting(team.id);
  const [strategy, setStrategy] = useState(team.strategy);
  const [members, setMembers] = useState(team.memberIds);
  const [adding, setAdding] = useState('');
  const dirty = strategy !== team.strategy || members.join() !== team.memberIds.join();
  const name = (id: string) => agents.find((a) => a.id === id)?.name ?? 'Unknown agent';
  const candidates = agents.filter(
    (a) => a.kind === 'person' && a.role !== 'ingest' && !members.includes(a.id),
  );
  const move = (i: number, by: -1 | 1) => {
    const next = [...members];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setMembers(next);
  };
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Team ${team.name}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Group gap={6} wrap="nowrap">
            <Text fw={600}>{team.name}</Text>
            {canManage && onEdit && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={onEdit}
                aria-label={`Rename team ${team.name}`}
              >
                Rename
              </Button>
            )}
          </Group>
          {siteName && (
            <Text size="xs" c="dimmed">
              {siteName}
            </Text>
          )}
        </div>
        <SegmentedControl
          aria-label={`Assignment in ${team.name}`}
          disabled={!canManage}
          value={strategy}
          onChange={(v) => setStrategy(v as TeamRouting['strategy'])}
          data={[
            { value: 'round_robin', label: 'Round robin' },
            { value: 'least_loaded', label: 'Least loaded' },
          ]}
        />
      </Group>
      {members.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members: cases routed here wait in the queue.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label={`Members of ${team.name}`} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Max open cases</Table.Th>
                {canManage && (
                  <Table.Th>
                    <VisuallyHidden>Order</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((id, i) => (
                <Table.Tr key={id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{name(id)}</Table.Td>
                  <MemberAvailability agentId={id} agentName={name(id)} canManage={canManage} />
                  {canManage && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move ${name(id)} up`}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move ${name(id)} down`}
                          disabled={i === members.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Remove ${name(id)} from ${team.name}`}
                          onClick={() => setMembers(members.filter((m) => m !== id))}
                        >
                          ×
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && (
        <Group gap="sm" mt="xs" align="flex-end" wrap="wrap">
          <NativeSelect
            label="Add a member"
            size="xs"
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
            data={[
              { value: '', label: 'Pick an agent' },
              ...candidates.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!adding}
            onClick={() => {
              setMembers([...members, adding]);
              setAdding('');
            }}
          >
            Add
          </Button>
          <Button
            size="xs"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate({ strategy, memberIds: members })}
          >
            Save team routing
          </Button>
          {dirty && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => {
                setStrategy(team.strategy);
                setMembers(team.memberIds);
              }}
            >
              Discard
            </Button>
          )}
        </Group>
      )}
      {save.error && <ProblemAlert error={save.error} />}
    </Paper>
  );
}
