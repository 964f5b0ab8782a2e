import {
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import {
  type RoutingRule,
  type RoutingRuleInput,
  type TeamRouting,
  useSaveRoutingRule,
} from '../../api/standards.ts';
import { CHANNELS } from '../../api/types.ts';
import { humanize } from '../../lib/format.ts';
import { FormFooter } from './FormFooter.tsx';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

/** Create or replace a routing rule: conditions → team, its place in the list, and skills needed. */
export function RoutingRuleForm({
  rule,
  teams,
  nextPosition,
  onDone,
}: {
  rule: RoutingRule | null;
  teams: TeamRouting[];
  nextPosition: number;
  onDone: () => void;
}) {
  const sites = useSites();
  const save = useSaveRoutingRule();
  const [draft, setDraft] = useState<RoutingRuleInput>(
    () =>
      rule ?? {
        name: '',
        position: nextPosition,
        teamId: teams[0]?.id ?? '',
        conditions: {},
        skills: [],
        allowLastAgentOutsideTeam: false,
        active: true,
      },
  );
  const errors: Record<string, string> = {};
  if (!draft.name.trim()) errors.name = 'Give the rule a name';
  if (!draft.teamId) errors.teamId = 'Pick the team that takes these cases';
  if (!Number.isInteger(draft.position) || draft.position < 0) errors.position = 'A whole number, 0 or more';
  const { shown, submit } = useValidatedSubmit(errors, () => {
    const { name, position, teamId, conditions, skills, allowLastAgentOutsideTeam, active } = draft;
    save.mutate(
      {
        ...(rule ? { id: rule.id } : {}),
        input: { name: name.trim(), position, teamId, conditions, skills, allowLastAgentOutsideTeam, active },
      },
      { onSuccess: onDone },
    );
  });
  const set = (patch: Partial<RoutingRuleInput>) => setDraft((d) => ({ ...d, ...patch }));
  const setCondition = (key: keyof RoutingRuleInput['conditions'], values: string[]) => {
    const conditions = { ...draft.conditions };
    if (values.length) conditions[key] = values;
    else delete conditions[key];
    set({ conditions });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={rule ? `Edit ${rule.name}` : 'New routing rule'}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Name"
            required
            value={draft.name}
            error={shown.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <NativeSelect
            label="Team"
            required
            value={draft.teamId}
            error={shown.teamId}
            onChange={(e) => set({ teamId: e.currentTarget.value })}
            data={[
              { value: '', label: 'Pick a team' },
              ...teams.map((t) => ({ value: t.id, label: t.name })),
            ]}
          />
          <NumberInput
            label="Order"
            description="Lower first, when rules tie"
            min={0}
            allowDecimal={false}
            value={draft.position}
            error={shown.position}
            onChange={(v) => set({ position: v === '' ? 0 : Number(v) })}
          />
        </SimpleGrid>
        {sites.data && sites.data.length > 0 && (
          <Checkbox.Group
            label="Sites (none ticked = any)"
            value={draft.conditions.siteId ?? []}
            onChange={(v) => setCondition('siteId', v)}
          >
            <Group gap="md" mt={4}>
              {sites.data.map((s) => (
                <Checkbox key={s.id} value={s.id} label={s.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Checkbox.Group
          label="Channels (none ticked = any)"
          value={draft.conditions.channel ?? []}
          onChange={(v) => setCondition('channel', v)}
        >
          <Group gap="md" mt={4}>
            {CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={humanize(c)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput
            label="Categories"
            value={draft.conditions.category ?? []}
            onChange={(v) => setCondition('category', v)}
          />
          <TagsInput
            label="Languages"
            value={draft.conditions.language ?? []}
            onChange={(v) => setCondition('language', v)}
          />
          <TagsInput
            label="Customer tiers"
            value={draft.conditions.customerTier ?? []}
            onChange={(v) => setCondition('customerTier', v)}
          />
          <TagsInput
            label="Skills the case needs"
            value={draft.skills}
            onChange={(skills) => set({ skills })}
          />
        </SimpleGrid>
        <Checkbox
          label="A returning customer may go to their last agent even outside the team"
          checked={draft.allowLastAgentOutsideTeam}
          onChange={(e) => set({ allowLastAgentOutsideTeam: e.currentTarget.checked })}
        />
        {rule && (
          <Checkbox
            label="Active (untick to retire the rule)"
            checked={draft.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
        )}
        <FormFooter save={save} onCancel={onDone} submitLabel={rule ? 'Save rule' : 'Create rule'} />
      </Stack>
    </form>
  );
}
