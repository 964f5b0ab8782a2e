import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type TeamInput, type TeamRouting, useCreateTeam, useUpdateTeam } from '../../api/standards.ts';
import type { Site } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

/** A new team (name, site) or an existing team's name and site; its members and routing stay. */
export function TeamForm({
  team,
  sites,
  onDone,
}: {
  team: TeamRouting | null;
  sites: Site[];
  onDone: () => void;
}) {
  return team ? (
    <EditTeam team={team} sites={sites} onDone={onDone} />
  ) : (
    <NewTeam sites={sites} onDone={onDone} />
  );
}

function NewTeam({ sites, onDone }: { sites: Site[]; onDone: () => void }) {
  const create = useCreateTeam();
  return (
    <TeamFields
      team={null}
      sites={sites}
      pending={create.isPending}
      error={create.error}
      onSubmit={(input) => create.mutate(input, { onSuccess: onDone })}
    />
  );
}

function EditTeam({ team, sites, onDone }: { team: TeamRouting; sites: Site[]; onDone: () => void }) {
  const update = useUpdateTeam(team.id);
  return (
    <TeamFields
      team={team}
      sites={sites}
      pending={update.isPending}
      error={update.error}
      onSubmit={(input) => {
        const patch: Partial<TeamInput> = {};
        if (input.name !== team.name) patch.name = input.name;
        if (input.siteId !== team.siteId) patch.siteId = input.siteId;
        if (Object.keys(patch).length === 0) onDone();
        else update.mutate(patch, { onSuccess: onDone });
      }}
    />
  );
}

function TeamFields({
  team,
  sites,
  pending,
  error,
  onSubmit,
}: {
  team: TeamRouting | null;
  sites: Site[];
  pending: boolean;
  error: Error | null;
  onSubmit: (input: TeamInput) => void;
}) {
  const [name, setName] = useState(team?.name ?? '');
  const [siteId, setSiteId] = useState(team ? (team.siteId ?? '') : (sites[0]?.id ?? ''));
  const errors: { name?: string } = name.trim() ? {} : { name: 'Give the team a name' };
  const { shown, submit } = useValidatedSubmit(errors, () =>
    onSubmit({ name: name.trim(), siteId: siteId || null }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={team ? `Edit team ${team.name}` : 'New team'}>
      <Stack gap="md">
        <TextInput
          label="Name"
          required
          maxLength={200}
          value={name}
          error={shown.name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <NativeSelect
          label="Site"
          value={siteId}
          onChange={(e) => setSiteId(e.currentTarget.value)}
          data={[{ value: '', label: 'No site' }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
        />
        {error && <ProblemAlert error={error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {team ? 'Save team' : 'Create team'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
