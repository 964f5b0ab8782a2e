import { Button, Group, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import type { CasePatch } from '../../api/cases.ts';
import { useAgents } from '../../api/directory.ts';
import { type Case, PRIORITIES, STATUSES } from '../../api/types.ts';
import { useSession } from '../../session/SessionContext.tsx';

/** Status, owner, priority, category and tags, each saved as soon as it changes (with If-Match). */
export function CaseFields({
  value,
  onPatch,
  disabled,
}: {
  value: Case;
  onPatch: (patch: CasePatch) => void;
  disabled?: boolean;
}) {
  const session = useSession();
  const agents = useAgents();
  const people = (agents.data ?? []).filter((a) => a.kind === 'person');
  const ownerOptions = [
    { value: '', label: 'Unassigned' },
    ...people.map((a) => ({ value: a.id, label: a.id === session.agent.id ? `${a.name} (me)` : a.name })),
  ];
  if (value.ownerId && !people.some((a) => a.id === value.ownerId)) {
    ownerOptions.push({ value: value.ownerId, label: 'Another agent' });
  }
  const commitCategory = (text: string) => {
    const category = text.trim() || null;
    if (category !== value.category) onPatch({ category });
  };

  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" verticalSpacing="xs">
      <Select
        label="Status"
        data={STATUSES}
        value={value.status}
        onChange={(status) =>
          status && status !== value.status && onPatch({ status: status as Case['status'] })
        }
        allowDeselect={false}
        disabled={disabled}
        size="xs"
      />
      <div>
        <Select
          label="Owner"
          data={ownerOptions}
          value={value.ownerId ?? ''}
          onChange={(owner) => (owner ?? '') !== (value.ownerId ?? '') && onPatch({ ownerId: owner || null })}
          allowDeselect={false}
          searchable
          disabled={disabled}
          size="xs"
        />
        {value.ownerId !== session.agent.id && !disabled && (
          <Button variant="subtle" size="compact-xs" onClick={() => onPatch({ ownerId: session.agent.id })}>
            Assign to me
          </Button>
        )}
      </div>
      <Select
        label="Priority"
        data={PRIORITIES}
        value={value.priority}
        onChange={(p) => p && p !== value.priority && onPatch({ priority: p as Case['priority'] })}
        allowDeselect={false}
        disabled={disabled}
        size="xs"
      />
      <TextInput
        key={`category-${value.version}`}
        label="Category"
        placeholder="e.g. billing"
        defaultValue={value.category ?? ''}
        onBlur={(e) => commitCategory(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitCategory(e.currentTarget.value);
        }}
        disabled={disabled}
        size="xs"
      />
      <Group grow>
        <TagsInput
          label="Tags"
          placeholder="Add tag"
          value={value.tags}
          onChange={(tags) => onPatch({ tags })}
          disabled={disabled}
          size="xs"
          clearable={false}
        />
      </Group>
    </SimpleGrid>
  );
}
