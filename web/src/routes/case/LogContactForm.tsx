import { Button, Group, NativeSelect, NumberInput, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useAddMessage } from '../../api/cases.ts';
import type { Channel } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/** Records a phone call or an in-person visit on the case: channel, duration and what was said. */
export function LogContactForm({ caseId, onDone }: { caseId: string; onDone?: () => void }) {
  const [kind, setKind] = useState<'call' | 'visit'>('call');
  const [minutes, setMinutes] = useState<number | string>(5);
  const [summary, setSummary] = useState('');
  const add = useAddMessage(caseId);
  const channel: Channel = kind === 'call' ? 'phone' : 'in_person';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!summary.trim()) return;
    const durationSeconds = Math.max(0, Math.round(Number(minutes || 0) * 60));
    add.mutate(
      { kind, channel, body: summary.trim(), durationSeconds },
      {
        onSuccess: () => {
          setSummary('');
          onDone?.();
        },
      },
    );
  };

  return (
    <Stack gap="xs" component="form" aria-label="Log a call or visit" onSubmit={submit}>
      {add.error && <ProblemAlert error={add.error} />}
      <Group grow align="flex-end">
        <NativeSelect
          label="Contact"
          data={[
            { value: 'call', label: 'Phone call' },
            { value: 'visit', label: 'In-person visit' },
          ]}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'call' | 'visit')}
        />
        <NumberInput label="Duration (minutes)" min={0} max={1440} value={minutes} onChange={setMinutes} />
      </Group>
      <Textarea
        label="Summary"
        placeholder="What was discussed and agreed"
        autosize
        minRows={2}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        required
      />
      <Group justify="flex-end">
        <Button type="submit" variant="light" loading={add.isPending} disabled={!summary.trim()}>
          Log {kind === 'call' ? 'call' : 'visit'}
        </Button>
      </Group>
    </Stack>
  );
}
