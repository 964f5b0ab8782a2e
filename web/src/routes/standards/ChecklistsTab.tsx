import { Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { type InteractionStandard, useInteractionStandards } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { humanize } from '../../lib/format.ts';
import { ChecklistForm } from './ChecklistForm.tsx';
import { EditButton, type Editing, EditorModal } from './EditorModal.tsx';

/** Interaction standards: one checklist per case category (`*` for every other category). */
export function ChecklistsTab({ canManage }: { canManage: boolean }) {
  const standards = useInteractionStandards();
  const [editing, setEditing] = useState<Editing<InteractionStandard>>(null);
  if (standards.isPending) return <Loading label="Loading checklists" />;
  if (standards.error)
    return <ProblemAlert error={standards.error} onRetry={() => void standards.refetch()} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Agents tick these on the case; the checklist for the case's category applies, else the default (*).
        </Text>
        {canManage && <Button onClick={() => setEditing('new')}>New checklist</Button>}
      </Group>
      {standards.data.length === 0 ? (
        <EmptyState title="No checklists">
          {canManage ? 'Create one for a category, or * for every case.' : 'A manager has not set any yet.'}
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {standards.data.map((s) => (
            <Paper key={s.id} withBorder p="sm" component="article" aria-label={`Checklist: ${s.category}`}>
              <Group justify="space-between" mb="xs">
                <Group gap="xs">
                  <Text fw={600}>{s.category === '*' ? 'Default (*)' : humanize(s.category)}</Text>
                  <Text size="xs" c="dimmed">
                    v{s.version}
                  </Text>
                </Group>
                {canManage && (
                  <EditButton label={`Edit the ${s.category} checklist`} onClick={() => setEditing(s)} />
                )}
              </Group>
              <List size="sm" spacing={4}>
                {s.items.map((i) => (
                  <List.Item key={i.id}>
                    {i.label}{' '}
                    {!i.required && (
                      <Badge size="xs" variant="light" color="gray">
                        optional
                      </Badge>
                    )}
                    {i.channels && i.channels.length > 0 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({i.channels.map(humanize).join(', ')} only)
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="New checklist"
        editTitle={(s) => `Checklist: ${s.category}`}
        size="lg"
      >
        {(standard) => <ChecklistForm standard={standard} onDone={() => setEditing(null)} />}
      </EditorModal>
    </Stack>
  );
}
