import { Badge } from '@mantine/core';

const colors: Record<string, string> = { platinum: 'violet', gold: 'yellow', silver: 'gray', vip: 'grape' };

export function TierBadge({ tier }: { tier: string }) {
  const top = tier !== 'standard' && tier !== 'basic';
  return (
    <Badge color={colors[tier] ?? (top ? 'indigo' : 'gray')} variant={top ? 'filled' : 'outline'} size="md">
      {tier}
    </Badge>
  );
}
