import { Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useSites } from '../../api/directory.ts';
import { CHANNELS, PRIORITIES, STATUSES } from '../../api/types.ts';
import { channelLabels } from '../../components/ChannelIcon.tsx';
import { type InboxFilters, QUEUES, type Queue } from './queues.ts';

export function InboxFiltersBar({
  value,
  onChange,
}: {
  value: InboxFilters;
  onChange: (f: InboxFilters) => void;
}) {
  const sites = useSites();
  const set = (patch: Partial<InboxFilters>) => onChange({ ...value, ...patch });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label="Queue"
        data={QUEUES.map((q) => ({ value: q.value, label: q.label }))}
        value={value.queue}
        onChange={(queue) => set({ queue: queue as Queue })}
      />
      <MultiSelect
        label="Status"
        data={STATUSES}
        value={value.status}
        onChange={(status) => set({ status })}
        w={230}
        size="xs"
        clearable
      />
      <Select
        label="Channel"
        placeholder="Any"
        data={CHANNELS.map((c) => ({ value: c, label: channelLabels[c] }))}
        value={value.channel || null}
        onChange={(channel) => set({ channel: channel ?? '' })}
        clearable
        w={120}
        size="xs"
      />
      <Select
        label="Priority"
        placeholder="Any"
        data={PRIORITIES}
        value={value.priority || null}
        onChange={(priority) => set({ priority: priority ?? '' })}
        clearable
        w={110}
        size="xs"
      />
      <Select
        label="Site"
        placeholder="Any"
        data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={value.site || null}
        onChange={(site) => set({ site: site ?? '' })}
        clearable
        w={150}
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
    </Group>
  );
}
