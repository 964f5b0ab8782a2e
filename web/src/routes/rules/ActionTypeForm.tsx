import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type ParamSpec, useAddActionType } from '../../api/authority.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/**
 * Add an action type to the catalogue (admins). A money action gets the required `amount`
 * parameter the engine limits; a reason can be asked for on every action.
 */
export function ActionTypeForm({ onDone }: { onDone: () => void }) {
  const add = useAddActionType();
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const [verb, setVerb] = useState('');
  const [measure, setMeasure] = useState<'money' | 'count'>('money');
  const [askReason, setAskReason] = useState(true);
  const snake = /^[a-z][a-z0-9_]*$/.test(id);
  const params: ParamSpec[] = [
    ...(measure === 'money' ? [{ name: 'amount', kind: 'money' as const, required: true }] : []),
    ...(askReason ? [{ name: 'reason', kind: 'text' as const, required: true }] : []),
  ];
  return (
    <Stack
      component="form"
      gap="sm"
      aria-label="Add an action type"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ id, label: label.trim(), verb: verb.trim(), measure, params }, { onSuccess: onDone });
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label="Id"
          description="snake_case, e.g. loyalty_points"
          required
          value={id}
          error={id && !snake ? 'Lower case letters, digits and _' : undefined}
          onChange={(e) => setId(e.currentTarget.value.trim())}
        />
        <TextInput label="Label" required value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
        <TextInput
          label="Verb"
          description="as in “You can … up to”"
          required
          value={verb}
          onChange={(e) => setVerb(e.currentTarget.value)}
        />
        <NativeSelect
          label="Measured in"
          data={[
            { value: 'money', label: 'Money (an amount)' },
            { value: 'count', label: 'Count (number of actions)' },
          ]}
          value={measure}
          onChange={(e) => setMeasure(e.currentTarget.value as 'money' | 'count')}
        />
      </SimpleGrid>
      <Checkbox
        label="Ask the agent for a reason"
        checked={askReason}
        onChange={(e) => setAskReason(e.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed">
        Parameters: {params.map((p) => `${p.name} (${p.kind})`).join(', ') || 'none'}. You become its default
        owner, who decides when no rule covers it.
      </Text>
      {add.error && <ProblemAlert error={add.error} />}
      <Group gap="xs">
        <Button type="submit" loading={add.isPending} disabled={!snake || !label.trim() || !verb.trim()}>
          Add action type
        </Button>
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
