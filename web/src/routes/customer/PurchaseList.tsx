import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Purchase } from '../../api/types.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';

function warranty(p: Purchase, now: number) {
  if (!p.warrantyUntil)
    return (
      <Badge color="gray" variant="outline" size="xs">
        no warranty
      </Badge>
    );
  const ends = new Date(`${p.warrantyUntil}T23:59:59Z`).getTime();
  const active = ends >= now;
  return (
    <Badge color={active ? 'teal' : 'gray'} variant={active ? 'light' : 'outline'} size="xs">
      {active ? 'warranty until' : 'warranty ended'} {formatDate(p.warrantyUntil)}
    </Badge>
  );
}

/** Products bought, with the receipt and order numbers a clerk needs and the warranty at a glance. */
export function PurchaseList({
  purchases,
  timeZone,
  now = Date.now(),
}: {
  purchases: Purchase[];
  timeZone?: string | undefined;
  now?: number;
}) {
  if (purchases.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No purchases on record.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="purchases">
      {purchases.map((p) => (
        <div key={p.id}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {p.product.name}
              {p.quantity > 1 ? ` ×${p.quantity}` : ''}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(p.amount.amountMinor, p.amount.currency)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Bought {formatDate(p.purchasedAt, timeZone)}
            {p.receiptNumber && ` · receipt ${p.receiptNumber}`}
            {p.orderNumber && ` · order ${p.orderNumber}`}
            {p.serialNumber && ` · s/n ${p.serialNumber}`}
          </Text>
          {warranty(p, now)}
        </div>
      ))}
    </Stack>
  );
}
