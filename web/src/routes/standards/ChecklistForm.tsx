import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  type InteractionStandard,
  type InteractionStandardItem,
  useSaveInteractionStandard,
} from '../../api/standards.ts';
import { CHANNELS } from '../../api/types.ts';
import { humanize } from '../../lib/format.ts';
import { FormFooter } from './FormFooter.tsx';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

/** "Verify identity" → "verify-identity": a stable id for a new item (marks are kept by id). */
export const slug = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100) || 'item';

interface ItemDraft {
  id: string | null;
  label: string;
  required: boolean;
  channels: string[];
}

/** A category's checklist: items with a label, required or optional, limited to channels or not. */
export function ChecklistForm({
  standard,
  onDone,
}: {
  standard: InteractionStandard | null;
  onDone: () => void;
}) {
  const save = useSaveInteractionStandard();
  const [category, setCategory] = useState(standard?.category ?? '');
  const [items, setItems] = useState<ItemDraft[]>(
    standard?.items.map((i) => ({
      id: i.id,
      label: i.label,
      required: i.required,
      channels: i.channels ?? [],
    })) ?? [{ id: null, label: '', required: true, channels: [] }],
  );
  const errors: Record<string, string> = {};
  if (!category.trim()) errors.category = 'Name the category (* for the default checklist)';
  if (items.length === 0) errors.items = 'Add at least one item';
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (!item.label.trim()) errors[`${i}`] = 'Describe the step';
    const id = item.id ?? slug(item.label);
    if (item.label.trim() && ids.has(id)) errors[`${i}`] = 'Another item has the same wording';
    ids.add(id);
  });
  const { shown, submit } = useValidatedSubmit(errors, () => {
    const body: InteractionStandardItem[] = items.map((i) => ({
      id: i.id ?? slug(i.label),
      label: i.label.trim(),
      required: i.required,
      ...(i.channels.length ? { channels: i.channels } : {}),
    }));
    save.mutate({ category: category.trim(), items: body }, { onSuccess: onDone });
  });
  const set = (i: number, patch: Partial<ItemDraft>) =>
    setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={standard ? `Edit the ${standard.category} checklist` : 'New checklist'}
    >
      <Stack gap="sm">
        <TextInput
          label="Category"
          description="The case category this checklist is for; * is the default for every other category"
          required
          value={category}
          readOnly={standard !== null}
          error={shown.category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        />
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: new items have no id until saved
          <Paper key={i} withBorder p="xs" role="group" aria-label={`Checklist item ${i + 1}`}>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput
                label={`Item ${i + 1}`}
                style={{ flex: 1, minWidth: 220 }}
                value={item.label}
                error={shown[`${i}`]}
                onChange={(e) => set(i, { label: e.currentTarget.value })}
              />
              <Checkbox
                mt={30}
                label="Required"
                checked={item.required}
                onChange={(e) => set(i, { required: e.currentTarget.checked })}
              />
              <ActionIcon
                mt={28}
                variant="subtle"
                color="gray"
                aria-label={`Remove item ${i + 1}`}
                onClick={() => setItems(items.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
            <Checkbox.Group
              label="Only on these channels (none ticked = every channel)"
              value={item.channels}
              onChange={(channels) => set(i, { channels })}
              mt={4}
            >
              <Group gap="sm" mt={4}>
                {CHANNELS.map((c) => (
                  <Checkbox key={c} size="xs" value={c} label={humanize(c)} />
                ))}
              </Group>
            </Checkbox.Group>
          </Paper>
        ))}
        {shown.items && (
          <Text size="sm" c="red" role="alert">
            {shown.items}
          </Text>
        )}
        <Button
          variant="light"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setItems([...items, { id: null, label: '', required: true, channels: [] }])}
        >
          Add item
        </Button>
        <FormFooter save={save} onCancel={onDone} submitLabel={'Save checklist'} />
      </Stack>
    </form>
  );
}
