import { Badge, Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useAvailabilities, useSaveAvailability } from '../../api/standards.ts';

/** Two cells of a member row: presence (online/offline) and capacity, editable by managers. */
export function MemberAvailability({
  agentId,
  agentName,
  canManage,
}: {
  agentId: string;
  agentName: string;
  canManage: boolean;
}) {
  const [query] = useAvailabilities([agentId]);
  const save = useSaveAvailability(agentId);
  const [capacity, setCapacity] = useState<number | ''>('');
  if (!query || query.isPending)
    return (
      <>
        <Table.Td>…</Table.Td>
        <Table.Td />
      </>
    );
  if (query.error || !query.data)
    return (
      <Table.Td colSpan={2}>
        <Text size="sm" c="red">
          Could not load availability
        </Text>
      </Table.Td>
    );
  const a = query.data;
  const value = capacity === '' ? a.maxOpenCases : capacity;
  return (
    <>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color={a.online ? 'teal' : 'gray'}>
            {a.online ? 'Online' : 'Offline'}
          </Badge>
          {canManage && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={save.isPending && save.variables?.online !== undefined}
              onClick={() => save.mutate({ online: !a.online })}
              aria-label={`${a.online ? 'Set offline' : 'Set online'}: ${agentName}`}
            >
              {a.online ? 'Set offline' : 'Set online'}
            </Button>
          )}
        </Group>
        {(a.skills.length > 0 || a.languages.length > 0) && (
          <Text size="xs" c="dimmed">
            {[...a.skills, ...a.languages].join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {canManage ? (
          <Group gap={4} wrap="nowrap">
            <NumberInput
              size="xs"
              w={80}
              min={0}
              max={1000}
              allowDecimal={false}
              aria-label={`Max open cases for ${agentName}`}
              value={value}
              onChange={(v) => setCapacity(v === '' ? '' : Number(v))}
            />
            {value !== a.maxOpenCases && (
              <Button
                size="compact-xs"
                loading={save.isPending}
                onClick={() =>
                  save.mutate({ maxOpenCases: Number(value) }, { onSuccess: () => setCapacity('') })
                }
              >
                Save
              </Button>
            )}
          </Group>
        ) : (
          a.maxOpenCases
        )}
        {save.error && (
          <Text size="xs" c="red" role="alert">
            {save.error.message}
          </Text>
        )}
      </Table.Td>
    </>
  );
}
