import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useChecklist, useMarkChecklist } from '../../api/standards.ts';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/** The interaction standard for the case's category: tick what was done, or mark it not applicable. */
export function ChecklistPanel({ caseId, canUpdate }: { caseId: string; canUpdate: boolean }) {
  const query = useChecklist(caseId);
  const mark = useMarkChecklist(caseId);
  if (query.isPending) return <Loading label="Loading checklist" rows={2} />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const list = query.data;
  // No standard for this category: nothing to follow, so nothing to show.
  if (!list.standard || list.items.length === 0) return null;
  const busy = mark.isPending ? mark.variables?.item : undefined;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Checklist">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h5">
          Checklist
        </Title>
        {list.result && (
          <Badge color={list.result.complete ? 'teal' : 'orange'} variant="light" size="sm">
            {list.result.complete ? 'complete' : `${list.result.missed.length} required left`}
          </Badge>
        )}
      </Group>
      <Stack gap={4}>
        {list.items.map((item) => (
          <Group key={item.id} justify="space-between" wrap="nowrap" gap="xs">
            <Checkbox
              label={
                <>
                  {item.label}
                  {item.required && (
                    <Text span c="red" size="xs">
                      {' '}
                      (required)
                    </Text>
                  )}
                  {item.state === 'not_applicable' && (
                    <Text span c="dimmed" size="xs">
                      {' '}
                      — not applicable
                    </Text>
                  )}
                </>
              }
              checked={item.state === 'done'}
              disabled={!canUpdate || busy === item.id}
              onChange={(e) =>
                mark.mutate({ item: item.id, state: e.currentTarget.checked ? 'done' : 'cleared' })
              }
            />
            {canUpdate && item.state === null && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                disabled={busy === item.id}
                onClick={() => mark.mutate({ item: item.id, state: 'not_applicable' })}
                aria-label={`N/A: ${item.label}`}
              >
                N/A
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {mark.error && <ProblemAlert error={mark.error} />}
    </Paper>
  );
}
