import { Checkbox, Group, NativeSelect, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { memo } from 'react';
import { useSites } from '../../api/directory.ts';
import { CHANNELS, PRIORITIES, STATUSES } from '../../api/types.ts';
import { channelLabels } from '../../components/ChannelIcon.tsx';
import {
  type InboxFilters,
  type InboxSla,
  type InboxSort,
  QUEUES,
  type Queue,
  SLA_FILTERS,
  SORTS,
} from './queues.ts';

export const InboxFiltersBar = memo(function InboxFiltersBar({
  value,
  onChange,
}: {
  value: InboxFilters;
  onChange: (f: InboxFilters) => void;
}) {
  const sites = useSites();
  const set = (patch: Partial<InboxFilters>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Queue"
        w="fit-content"
        data={QUEUES.map((q) => ({ value: q.value, label: q.label }))}
        value={value.queue}
        onChange={(queue) => set({ queue: queue as Queue })}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Checkbox.Group label="Status" value={value.status} onChange={(status) => set({ status })} size="xs">
          <Group gap={8} mt={6}>
            {STATUSES.map((s) => (
              <Checkbox key={s} value={s} label={s} size="xs" />
            ))}
          </Group>
        </Checkbox.Group>
        <NativeSelect
          label="Channel"
          data={[
            { value: '', label: 'Any' },
            ...CHANNELS.map((c) => ({ value: c, label: channelLabels[c] })),
          ]}
          value={value.channel}
          onChange={(e) => set({ channel: e.currentTarget.value })}
          w={120}
          size="xs"
        />
        <NativeSelect
          label="Priority"
          data={[{ value: '', label: 'Any' }, ...PRIORITIES]}
          value={value.priority}
          onChange={(e) => set({ priority: e.currentTarget.value })}
          w={110}
          size="xs"
        />
        <NativeSelect
          label="Site"
          data={[
            { value: '', label: 'Any' },
            ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
          value={value.site}
          onChange={(e) => set({ site: e.currentTarget.value })}
          w={150}
          size="xs"
        />
        <NativeSelect
          label="SLA"
          data={SLA_FILTERS.map((o) => ({ value: o.value, label: o.label }))}
          value={value.sla}
          onChange={(e) => set({ sla: e.currentTarget.value as InboxSla })}
          w={110}
          size="xs"
        />
        <TextInput
          label="Tag"
          placeholder="Any"
          defaultValue={value.tag}
          onBlur={(e) => set({ tag: e.currentTarget.value.trim() })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ tag: e.currentTarget.value.trim() });
          }}
          w={110}
          size="xs"
        />
        <NativeSelect
          label="Sort"
          data={SORTS.map((o) => ({ value: o.value, label: o.label }))}
          value={value.sort}
          onChange={(e) => set({ sort: e.currentTarget.value as InboxSort })}
          w={150}
          size="xs"
        />
      </Group>
    </Stack>
  );
});
