import { Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import { useSiteHours } from '../../api/standards.ts';
import type { Site } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Editing, EditorModal } from './EditorModal.tsx';
import { HoursEditor } from './HoursEditor.tsx';
import { summarizeHours } from './hours.ts';
import { SiteForm } from './SiteForm.tsx';

/**
 * Every site with its time zone and hours at a glance; the chosen site's hours below, to edit.
 * Managers create sites and change a site's name and time zone in a dialog.
 */
export function SitesTab({ canManage }: { canManage: boolean }) {
  const sites = useSites();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing<Site>>(null);
  if (sites.isPending) return <Loading label="Loading sites" />;
  if (sites.error) return <ProblemAlert error={sites.error} onRetry={() => void sites.refetch()} />;
  const dialog = (
    <EditorModal
      editing={editing}
      onClose={() => setEditing(null)}
      newTitle="New site"
      editTitle={(s) => `Edit ${s.name}`}
    >
      {(site) => (
        <SiteForm
          site={site}
          onDone={(saved) => {
            setEditing(null);
            setSelected(saved.id);
          }}
        />
      )}
    </EditorModal>
  );
  const newSite = canManage && <Button onClick={() => setEditing('new')}>New site</Button>;
  if (sites.data.length === 0)
    return (
      <Stack align="center">
        <EmptyState title="No sites yet">
          {canManage ? 'Create the first site, then give it hours.' : 'A manager has not created any yet.'}
        </EmptyState>
        {newSite}
        {dialog}
      </Stack>
    );
  const current = sites.data.find((s) => s.id === selected) ?? sites.data[0]!;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Each site's hours are read in its own time zone; business-hours SLA clocks run only while it is
          open.
        </Text>
        {newSite}
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table highlightOnHover aria-label="Sites">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Site</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th>Business hours</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sites.data.map((site) => (
              <SiteRow
                key={site.id}
                site={site}
                selected={site.id === current.id}
                canManage={canManage}
                onSelect={() => setSelected(site.id)}
                onEdit={() => setEditing(site)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <section aria-label={`Hours of ${current.name}`}>
        <Title order={2} size="h4">
          {current.name}{' '}
          <Text span c="dimmed" size="sm">
            ({current.code})
          </Text>
        </Title>
        <HoursEditor key={current.id} site={current} canManage={canManage} />
      </section>
      {dialog}
    </Stack>
  );
}

function SiteRow({
  site,
  selected,
  canManage,
  onSelect,
  onEdit,
}: {
  site: Site;
  selected: boolean;
  canManage: boolean;
  onSelect: () => void;
  onEdit: () => void;
}) {
  const hours = useSiteHours(site.id);
  return (
    <Table.Tr aria-selected={selected} bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td>
        <Text fw={600} size="sm">
          {site.name}
        </Text>
        <Text size="xs" c="dimmed">
          {site.code}
        </Text>
      </Table.Td>
      <Table.Td>{site.timeZone}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {hours.data ? summarizeHours(hours.data) : hours.error ? 'Could not load' : '…'}
        </Text>
        {hours.data && hours.data.holidays.length > 0 && (
          <Text size="xs" c="dimmed">
            {hours.data.holidays.length} holiday{hours.data.holidays.length === 1 ? '' : 's'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <Button
            size="xs"
            variant={selected ? 'filled' : 'default'}
            onClick={onSelect}
            aria-label={`${canManage ? 'Edit' : 'View'} hours of ${site.name}`}
          >
            {canManage ? 'Edit hours' : 'View hours'}
          </Button>
          {canManage && (
            <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit site ${site.name}`}>
              Edit site
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
