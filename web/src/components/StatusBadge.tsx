import { Badge } from '@mantine/core';
import type { CaseStatus } from '../api/types.ts';

const statusColor: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'teal',
  pending: 'yellow',
  resolved: 'gray',
  closed: 'dark',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge color={statusColor[status] ?? 'gray'} variant="light" size="sm">
      {status}
    </Badge>
  );
}
