import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { CustomerProfile } from '../../api/types.ts';
import { paths } from '../../lib/router.ts';

const labels: Record<string, string> = {
  email: 'Email',
  phone: 'Phone',
  account: 'Account',
  external: 'Channel id',
};

/** Every way we know the customer, and the household they belong to. */
export function IdentityList({
  profile,
}: {
  profile: Pick<CustomerProfile, 'identities' | 'household' | 'id'>;
}) {
  return (
    <Stack gap={4}>
      {profile.identities.length === 0 && (
        <Text size="sm" c="dimmed">
          No identities.
        </Text>
      )}
      {profile.identities.map((i) => (
        <Group key={i.id} gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" w={70}>
            {labels[i.kind] ?? i.kind}
          </Text>
          <Text size="sm" truncate>
            {i.value}
          </Text>
          {i.verified && (
            <Badge size="xs" color="teal" variant="light">
              verified
            </Badge>
          )}
        </Group>
      ))}
      {profile.household && (
        <Text size="sm" mt={4}>
          <Text span size="xs" c="dimmed">
            Household{' '}
          </Text>
          {profile.household.name}
          {profile.household.accountNumber && ` (${profile.household.accountNumber})`}
          {profile.household.members.filter((m) => m.id !== profile.id).length > 0 && ': '}
          {profile.household.members
            .filter((m) => m.id !== profile.id)
            .map((m, index) => (
              <span key={m.id}>
                {index > 0 && ', '}
                <Anchor href={`#${paths.customer(m.id)}`} size="sm">
                  {m.displayName}
                </Anchor>
              </span>
            ))}
        </Text>
      )}
    </Stack>
  );
}
