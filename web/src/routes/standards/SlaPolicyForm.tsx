import {
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useSites } from '../../api/directory.ts';
import { type EscalationPolicy, SLA_METRICS, type SlaPolicy, useSaveSlaPolicy } from '../../api/standards.ts';
import { CHANNELS, PRIORITIES } from '../../api/types.ts';
import { humanize } from '../../lib/format.ts';
import { FormFooter } from './FormFooter.tsx';
import { formatTarget, METRIC_LABELS } from './format.ts';
import { emptySlaDraft, type SlaDraft, slaDraftFrom, toSlaInput, validateSla } from './slaForm.ts';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

const asNumber = (v: string | number): number | '' => (v === '' ? '' : Number(v));

/** Create an SLA policy, or save an edited one as its next version (If-Match on the version edited). */
export function SlaPolicyForm({
  policy,
  ladders,
  onDone,
}: {
  policy: SlaPolicy | null;
  ladders: EscalationPolicy[];
  onDone: () => void;
}) {
  const sites = useSites();
  const save = useSaveSlaPolicy();
  const [draft, setDraft] = useState<SlaDraft>(() => (policy ? slaDraftFrom(policy) : emptySlaDraft()));
  const { shown, submit } = useValidatedSubmit(validateSla(draft), () =>
    save.mutate(
      { ...(policy ? { id: policy.id, version: policy.version } : {}), input: toSlaInput(draft) },
      { onSuccess: onDone },
    ),
  );
  const set = (patch: Partial<SlaDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form onSubmit={submit} noValidate aria-label={policy ? `Edit ${policy.name}` : 'New SLA policy'}>
      <Stack gap="md">
        <TextInput
          label="Name"
          required
          value={draft.name}
          error={shown.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <Text fw={600} size="sm">
          Applies to{' '}
          <Text span c="dimmed" size="xs">
            (nothing ticked = any)
          </Text>
        </Text>
        <Checkbox.Group label="Priority" value={draft.priority} onChange={(priority) => set({ priority })}>
          <Group gap="md" mt={4}>
            {PRIORITIES.map((p) => (
              <Checkbox key={p} value={p} label={humanize(p)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group label="Channel" value={draft.channel} onChange={(channel) => set({ channel })}>
          <Group gap="md" mt={4}>
            {CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={humanize(c)} />
            ))}
          </Group>
        </Checkbox.Group>
        {sites.data && sites.data.length > 0 && (
          <Checkbox.Group label="Site" value={draft.siteId} onChange={(siteId) => set({ siteId })}>
            <Group gap="md" mt={4}>
              {sites.data.map((s) => (
                <Checkbox key={s.id} value={s.id} label={s.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <TagsInput
          label="Customer tiers"
          description="Type a tier and press Enter"
          value={draft.customerTier}
          onChange={(customerTier) => set({ customerTier })}
        />
        <Text fw={600} size="sm">
          Targets (minutes; leave empty for no target)
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {SLA_METRICS.map((m) => (
            <NumberInput
              key={m}
              label={METRIC_LABELS[m]}
              min={1}
              allowDecimal={false}
              value={draft.targets[m]}
              error={shown[m]}
              description={
                draft.targets[m] === ''
                  ? 'No target'
                  : shown[m]
                    ? ' '
                    : formatTarget(Number(draft.targets[m]) * 60_000)
              }
              onChange={(v) => set({ targets: { ...draft.targets, [m]: asNumber(v) } })}
            />
          ))}
        </SimpleGrid>
        {shown.targets && (
          <Text size="sm" c="red" role="alert">
            {shown.targets}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} mb={4} id="sla-clock-label">
            Clock
          </Text>
          <SegmentedControl
            aria-labelledby="sla-clock-label"
            value={draft.hours}
            onChange={(hours) => set({ hours: hours as SlaDraft['hours'] })}
            data={[
              { value: 'business', label: 'Business hours' },
              { value: 'calendar', label: 'Calendar hours (24×7)' },
            ]}
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="At risk when this % of the target is left"
            min={0}
            max={100}
            value={draft.atRiskPct}
            error={shown.atRiskPct}
            onChange={(v) => set({ atRiskPct: asNumber(v) })}
          />
          <NumberInput
            label="…or when this many minutes are left"
            min={0}
            allowDecimal={false}
            value={draft.atRiskMinutes}
            error={shown.atRiskMinutes}
            onChange={(v) => set({ atRiskMinutes: asNumber(v) })}
          />
        </SimpleGrid>
        <Checkbox
          label="Pause while the case waits on the customer (pending)"
          checked={draft.pauseWhilePending}
          onChange={(e) => set({ pauseWhilePending: e.currentTarget.checked })}
        />
        <NativeSelect
          label="Escalation ladder"
          value={draft.escalationPolicyId}
          onChange={(e) => set({ escalationPolicyId: e.currentTarget.value })}
          data={[{ value: '', label: 'None' }, ...ladders.map((l) => ({ value: l.id, label: l.name }))]}
        />
        {policy && (
          <Checkbox
            label="Active (untick to retire the policy)"
            checked={draft.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
        )}
        <FormFooter
          save={save}
          onCancel={onDone}
          submitLabel={policy ? 'Save new version' : 'Create policy'}
        />
      </Stack>
    </form>
  );
}
