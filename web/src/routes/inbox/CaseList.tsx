import { Anchor, Group, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { CaseListItem } from '../../api/types.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { PriorityBadge, StatusBadge } from '../../components/StatusBadge.tsx';
import { formatAge } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';

export interface CaseListProps {
  items: CaseListItem[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  now?: number;
}

/** The inbox rows. The selected row (j/k) is marked for assistive tech and kept in view. */
export function CaseList({ items, selected, onSelect, onOpen, now }: CaseListProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const row = body.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  return (
    <Table
      highlightOnHover
      verticalSpacing={6}
      aria-label="Cases, longest waiting first"
      aria-rowcount={items.length}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>Waiting</Table.Th>
          <Table.Th w={70}>Case</Table.Th>
          <Table.Th>Subject</Table.Th>
          <Table.Th w={90}>Priority</Table.Th>
          <Table.Th w={90}>Status</Table.Th>
          <Table.Th w={140} visibleFrom="md">
            Owner
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body}>
        {items.map((c, index) => {
          const isSelected = index === selected;
          return (
            <Table.Tr
              key={c.id}
              data-index={index}
              data-testid="case-row"
              aria-selected={isSelected}
              bg={isSelected ? 'indigo.0' : undefined}
              style={{
                cursor: 'pointer',
                outline: isSelected ? '2px solid var(--mantine-color-indigo-4)' : undefined,
              }}
              onMouseEnter={() => onSelect(index)}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                onOpen(index);
              }}
            >
              <Table.Td>
                <Text size="sm" fw={c.waitingSince ? 600 : 400} c={c.waitingSince ? undefined : 'dimmed'}>
                  {formatAge(c.waitingSince, now)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  #{c.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <ChannelIcon channel={c.channel} size={16} />
                  <div style={{ minWidth: 0 }}>
                    <Anchor
                      href={`#${paths.case(c.id)}`}
                      size="sm"
                      fw={600}
                      c="dark"
                      lineClamp={1}
                      onFocus={() => onSelect(index)}
                    >
                      {c.subject || '(no subject)'}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {c.customerName || 'Unknown customer'}
                      {c.tags.length > 0 && ` · ${c.tags.join(', ')}`}
                    </Text>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={c.priority} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Text size="sm" c={c.ownerName ? undefined : 'dimmed'} lineClamp={1}>
                  {c.ownerName ?? 'Unassigned'}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
