import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { RuleVersion } from '../../api/authority.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { type Directory, describeChanges } from './describe.ts';

/** Every version, newest first: who saved it, when, why, from when it applies and what it changed. */
export function RuleHistory({
  versions,
  inForceVersion,
  dir,
}: {
  versions: RuleVersion[];
  inForceVersion: number | null;
  dir: Directory;
}) {
  const session = useSession();
  const when = (iso: string) => formatDateTime(iso, session.timeZone);
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  return (
    <section aria-label="Version history">
      <Title order={3} size="h5" mb="xs">
        Version history
      </Title>
      <Stack gap="xs">
        {ordered
          .map((v, i) => ({ v, changes: describeChanges(ordered[i - 1], v, dir, when) }))
          .reverse()
          .map(({ v, changes }) => (
            <Paper key={v.version} withBorder p="sm" component="article" aria-label={`Version ${v.version}`}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>v{v.version}</Text>
                {v.version === inForceVersion && (
                  <Badge variant="light" color="teal">
                    in force
                  </Badge>
                )}
                <Text size="sm">
                  {v.editedBy.name} · {when(v.editedAt)}
                </Text>
                <Text size="sm" c="dimmed">
                  effective {when(v.effectiveFrom)}
                  {v.effectiveTo ? ` until ${when(v.effectiveTo)}` : ''}
                </Text>
              </Group>
              <Text size="sm">Why: “{v.editReason}”</Text>
              <List size="sm" spacing={2}>
                {changes.map((c) => (
                  <List.Item key={c}>{c}</List.Item>
                ))}
              </List>
            </Paper>
          ))}
      </Stack>
    </section>
  );
}
