import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { type EscalationPolicy, useSaveEscalationPolicy } from '../../api/standards.ts';
import {
  type LevelDraft,
  ladderDraftFrom,
  newLevel,
  toLadderInput,
  validateLadder,
} from './escalationForm.ts';
import { FormFooter } from './FormFooter.tsx';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

/** Create or replace an escalation ladder: levels in order, each a trigger and its actions. */
export function EscalationForm({ policy, onDone }: { policy: EscalationPolicy | null; onDone: () => void }) {
  const save = useSaveEscalationPolicy();
  const [draft, setDraft] = useState(() => ladderDraftFrom(policy));
  const { shown, submit } = useValidatedSubmit(validateLadder(draft), () =>
    save.mutate(
      { ...(policy ? { id: policy.id, version: policy.version } : {}), input: toLadderInput(draft) },
      { onSuccess: onDone },
    ),
  );
  const setLevel = (i: number, patch: Partial<LevelDraft>) =>
    setDraft((d) => ({ ...d, levels: d.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  return (
    <form onSubmit={submit} noValidate aria-label={policy ? `Edit ${policy.name}` : 'New escalation ladder'}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={draft.name}
          error={shown.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        {draft.levels.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a level is its place on the ladder
          <Paper key={i} withBorder p="sm" role="group" aria-label={`Level ${i + 1}`}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                Level {i + 1}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove level ${i + 1}`}
                onClick={() => setDraft({ ...draft, levels: draft.levels.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <NativeSelect
                label="When"
                value={l.trigger}
                onChange={(e) => {
                  const trigger = e.currentTarget.value as LevelDraft['trigger'];
                  setLevel(i, { trigger, afterMinutes: trigger === 'breached' ? 0 : '' });
                }}
                data={[
                  { value: 'at_risk', label: 'At risk' },
                  { value: 'breached', label: 'Breached' },
                ]}
              />
              {l.trigger === 'breached' && (
                <NumberInput
                  label="Minutes after the breach"
                  min={0}
                  allowDecimal={false}
                  w={190}
                  value={l.afterMinutes}
                  error={shown[`${i}.after`]}
                  onChange={(v) => setLevel(i, { afterMinutes: v === '' ? '' : Number(v) })}
                />
              )}
              <Checkbox.Group
                label="Notify"
                value={l.notify}
                onChange={(v) => setLevel(i, { notify: v as LevelDraft['notify'] })}
                error={shown[`${i}.actions`]}
              >
                <Group gap="sm" mt={8}>
                  <Checkbox value="owner" label="Owner" />
                  <Checkbox value="lead" label="Lead" />
                  <Checkbox value="manager" label="Manager" />
                </Group>
              </Checkbox.Group>
              <NativeSelect
                label="Reassign"
                value={l.reassign}
                onChange={(e) => setLevel(i, { reassign: e.currentTarget.value as LevelDraft['reassign'] })}
                data={[
                  { value: '', label: 'No' },
                  { value: 'team_queue', label: 'To the team queue' },
                  { value: 'lead', label: 'To the lead' },
                ]}
              />
            </Group>
          </Paper>
        ))}
        {shown.levels && (
          <Text size="sm" c="red" role="alert">
            {shown.levels}
          </Text>
        )}
        {draft.levels.length < 10 && (
          <Button
            variant="light"
            size="compact-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setDraft({ ...draft, levels: [...draft.levels, newLevel()] })}
          >
            Add level
          </Button>
        )}
        {policy && (
          <Checkbox
            label="Active"
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
          />
        )}
        <FormFooter save={save} onCancel={onDone} submitLabel={policy ? 'Save ladder' : 'Create ladder'} />
      </Stack>
    </form>
  );
}
