import { Badge } from '@mantine/core';
import type { CasePriority, CaseStatus } from '../api/types.ts';

const statusColor: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'teal',
  pending: 'yellow',
  resolved: 'gray',
  closed: 'dark',
};

const priorityColor: Record<CasePriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge color={statusColor[status] ?? 'gray'} variant="light" size="sm">
      {status}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: CasePriority }) {
  return (
    <Badge
      color={priorityColor[priority] ?? 'gray'}
      variant={priority === 'urgent' ? 'filled' : 'outline'}
      size="sm"
    >
      {priority}
    </Badge>
  );
}
