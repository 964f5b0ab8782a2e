import { Table } from '@mantine/core';
import { memo, useEffect, useRef, useState } from 'react';
import type { SlaCaseItem } from '../../api/standards.ts';
import type { CaseListItem } from '../../api/types.ts';
import classes from './CaseList.module.css';
import { CaseRow } from './CaseRow.tsx';

export interface CaseListProps {
  items: CaseListItem[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  now?: number;
  /** Time left per case id (GET /sla/cases), when loaded. */
  sla?: Map<string, SlaCaseItem['sla']> | undefined;
}

/** Rows painted in the first frame; the rest follow right after, so the inbox is usable at once. */
const FIRST_PAINT_ROWS = 40;

/** The inbox rows. The selected row (j/k) is marked for assistive tech and kept in view. */
export const CaseList = memo(function CaseList({
  items,
  selected,
  onSelect,
  onOpen,
  now,
  sla,
}: CaseListProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [shown, setShown] = useState(FIRST_PAINT_ROWS);
  useEffect(() => {
    if (shown >= items.length) return;
    const timer = setTimeout(() => setShown(items.length), 0);
    return () => clearTimeout(timer);
  }, [shown, items.length]);
  useEffect(() => {
    const row = body.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const visible = items.slice(0, Math.max(shown, selected + 1));
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
          <Table.Th w={100}>SLA</Table.Th>
          <Table.Th w={140} className={classes.wide}>
            Owner
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body}>
        {visible.map((c, index) => (
          <CaseRow
            key={c.id}
            item={c}
            index={index}
            selected={index === selected}
            now={now}
            sla={sla?.get(c.id)}
            onSelect={onSelect}
            onOpen={onOpen}
          />
        ))}
      </Table.Tbody>
    </Table>
  );
});
