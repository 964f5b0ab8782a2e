import { Table, Text } from '@mantine/core';
import type { AttainmentRow } from '../../api/standards.ts';
import { humanize } from '../../lib/format.ts';
import { formatTarget } from './format.ts';

const barColor = (pct: number) =>
  pct >= 90
    ? 'var(--mantine-color-teal-6)'
    : pct >= 75
      ? 'var(--mantine-color-yellow-6)'
      : 'var(--mantine-color-red-6)';

/** One row per group: met, breached, open, % met (with a bar) and the median first response. */
export function AttainmentTable({
  label,
  rows,
  name,
}: {
  label: string;
  rows: readonly AttainmentRow[];
  name: (key: string) => string;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={`SLA attainment by ${label.toLowerCase()}`} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{label}</Table.Th>
            <Table.Th ta="right">Met</Table.Th>
            <Table.Th ta="right">Breached</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            <Table.Th w={220}>% met</Table.Th>
            <Table.Th ta="right">Median first response</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.key.startsWith('(') ? r.key : humanize(name(r.key))}</Table.Td>
              <Table.Td ta="right">{r.met}</Table.Td>
              <Table.Td ta="right">{r.breached}</Table.Td>
              <Table.Td ta="right">{r.open}</Table.Td>
              <Table.Td>
                {r.metPct === null ? (
                  <Text size="sm" c="dimmed">
                    nothing settled
                  </Text>
                ) : (
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <div
                      aria-hidden
                      style={{
                        flex: 1,
                        height: 8,
                        borderRadius: 4,
                        background: 'var(--mantine-color-gray-2)',
                      }}
                    >
                      <div
                        style={{
                          width: `${r.metPct}%`,
                          height: '100%',
                          borderRadius: 4,
                          background: barColor(r.metPct),
                        }}
                      />
                    </div>
                    <Text size="sm" w={48} ta="right">
                      {r.metPct}%
                    </Text>
                  </div>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatTarget(r.medianFirstResponseMs)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
