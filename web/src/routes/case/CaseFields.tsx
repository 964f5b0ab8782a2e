import { Button, Group, NativeSelect, TagsInput, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { CasePatch } from '../../api/cases.ts';
import { useAgents } from '../../api/directory.ts';
import { type Case, PRIORITIES, STATUSES } from '../../api/types.ts';
import { useSession } from '../../session/SessionContext.tsx';
import classes from './CaseScreen.module.css';

/** Status, owner, priority, category and tags, each saved as soon as it changes (with If-Match). */
export const CaseFields = memo(function CaseFields({
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
    <div className={classes.fields}>
      <NativeSelect
        label="Status"
        data={STATUSES}
        value={value.status}
        onChange={(e) => {
          const status = e.currentTarget.value as Case['status'];
          if (status !== value.status) onPatch({ status });
        }}
        disabled={disabled}
        size="xs"
      />
      <div>
        <NativeSelect
          label="Owner"
          data={ownerOptions}
          value={value.ownerId ?? ''}
          onChange={(e) => {
            const owner = e.currentTarget.value;
            if (owner !== (value.ownerId ?? '')) onPatch({ ownerId: owner || null });
          }}
          disabled={disabled}
          size="xs"
        />
        {value.ownerId !== session.agent.id && !disabled && (
          <Button variant="subtle" size="compact-xs" onClick={() => onPatch({ ownerId: session.agent.id })}>
            Assign to me
          </Button>
        )}
      </div>
      <NativeSelect
        label="Priority"
        data={PRIORITIES}
        value={value.priority}
        onChange={(e) => {
          const priority = e.currentTarget.value as Case['priority'];
          if (priority !== value.priority) onPatch({ priority });
        }}
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
          // Free tags: the dropdown never has options, so it needs no scroll area (whose resize
          // observers and measurements ran on every open of a case).
          withScrollArea={false}
        />
      </Group>
    </div>
  );
});
