import { memo } from 'react';
import type { SlaCaseItem } from '../../api/standards.ts';
import type { CaseListItem, CasePriority, CaseStatus } from '../../api/types.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { formatAge, formatSpan } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import classes from './CaseList.module.css';

const statusStyle: Record<CaseStatus, { color: string; background: string }> = {
  new: { color: 'var(--mantine-color-blue-9)', background: 'var(--mantine-color-blue-1)' },
  open: { color: 'var(--mantine-color-teal-9)', background: 'var(--mantine-color-teal-1)' },
  pending: { color: 'var(--mantine-color-yellow-9)', background: 'var(--mantine-color-yellow-1)' },
  resolved: { color: 'var(--mantine-color-gray-8)', background: 'var(--mantine-color-gray-2)' },
  closed: { color: 'var(--mantine-color-white)', background: 'var(--mantine-color-dark-5)' },
};

const priorityStyle: Record<CasePriority, { color: string; background: string }> = {
  low: { color: 'var(--mantine-color-gray-8)', background: 'transparent' },
  normal: { color: 'var(--mantine-color-blue-9)', background: 'transparent' },
  high: { color: 'var(--mantine-color-orange-9)', background: 'var(--mantine-color-orange-0)' },
  urgent: { color: 'var(--mantine-color-white)', background: 'var(--mantine-color-red-8)' },
};

export interface CaseRowProps {
  item: CaseListItem;
  index: number;
  selected: boolean;
  now: number | undefined;
  sla?: SlaCaseItem['sla'] | undefined;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

/**
 * One inbox row, in plain elements: the inbox can hold 200 rows and is the first thing painted, so
 * rows avoid the per-component cost of the design-system primitives.
 */
export const CaseRow = memo(function CaseRow({
  item: c,
  index,
  selected,
  now,
  sla,
  onSelect,
  onOpen,
}: CaseRowProps) {
  return (
    <tr
      className={classes.row}
      data-index={index}
      data-testid="case-row"
      aria-selected={selected}
      onMouseEnter={() => onSelect(index)}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a')) return;
        onOpen(index);
      }}
    >
      <td>
        <span className={c.waitingSince ? classes.waiting : classes.idle}>
          {formatAge(c.waitingSince, now)}
        </span>
      </td>
      <td>
        <span className={classes.number}>#{c.number}</span>
      </td>
      <td>
        <div className={classes.subject}>
          <ChannelIcon channel={c.channel} size={16} />
          <div className={classes.subjectText}>
            <a className={classes.link} href={`#${paths.case(c.id)}`} onFocus={() => onSelect(index)}>
              {c.subject || '(no subject)'}
            </a>
            <div className={classes.meta}>
              {c.customerName || 'Unknown customer'}
              {c.tags.length > 0 && ` · ${c.tags.join(', ')}`}
            </div>
          </div>
        </div>
      </td>
      <td>
        <span
          className={classes.pill}
          style={{ ...priorityStyle[c.priority], border: '1px solid currentColor' }}
        >
          {c.priority}
        </span>
      </td>
      <td>
        <span className={classes.pill} style={statusStyle[c.status]}>
          {c.status}
        </span>
      </td>
      <td>
        <SlaCell sla={sla} now={now} />
      </td>
      <td className={classes.wide}>
        <span className={c.ownerName ? classes.owner : classes.unassigned}>
          {c.ownerName ?? 'Unassigned'}
        </span>
      </td>
    </tr>
  );
});

const slaColor = {
  ok: 'var(--mantine-color-teal-9)',
  at_risk: 'var(--mantine-color-orange-9)',
  breached: 'var(--mantine-color-red-9)',
} as const;

/** Calendar time to the next SLA deadline, as of the last sweep: "45 min", "at risk 10 min", "breached". */
function SlaCell({
  sla,
  now = Date.now(),
}: {
  sla: SlaCaseItem['sla'] | undefined;
  now: number | undefined;
}) {
  if (!sla?.dueAt || !sla.status || sla.status === 'none' || sla.status === 'met')
    return <span className={classes.idle}>—</span>;
  const left = new Date(sla.dueAt).getTime() - now;
  const span = formatSpan(left);
  const text =
    sla.status === 'breached' || left < 0
      ? 'breached'
      : sla.paused
        ? 'paused'
        : sla.status === 'at_risk'
          ? `at risk ${span}`
          : span;
  const color = sla.paused ? 'var(--mantine-color-dimmed)' : slaColor[left < 0 ? 'breached' : sla.status];
  return (
    <span className={classes.waiting} style={{ color }} title={`Next SLA deadline ${sla.dueAt}`}>
      {text}
    </span>
  );
}
