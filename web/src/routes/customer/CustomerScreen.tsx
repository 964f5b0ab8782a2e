import { Alert, Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useCustomer } from '../../api/customers.ts';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useCan, useSession } from '../../session/SessionContext.tsx';
import { CaseSummaryList } from './CaseSummaryList.tsx';
import { HistoryLine } from './HistoryLine.tsx';
import { IdentityList } from './IdentityList.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { NeedsAndPreferences } from './NeedsAndPreferences.tsx';
import { PurchaseList } from './PurchaseList.tsx';
import { RecentContacts } from './RecentContacts.tsx';
import { TierBadge } from './TierBadge.tsx';

/** The customer page: the full history across sites and channels, and merge for those allowed. */
export function CustomerScreen({ id }: { id: string }) {
  const session = useSession();
  const canMerge = useCan('customer.merge');
  const query = useCustomer(id);
  const [merging, setMerging] = useState(false);
  if (query.isPending) return <Loading label="Loading customer" rows={8} />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;

  return (
    <Stack gap="md">
      <Anchor href="#/search" size="sm">
        ← Customers
      </Anchor>
      {p.redirectedFrom && (
        <Alert color="blue" role="status">
          The record you opened was merged into this one.
        </Alert>
      )}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2">
              {p.displayName || 'Unnamed customer'}
            </Title>
            <TierBadge tier={p.tier} />
          </Group>
          <Text size="sm">
            Lifetime value <b>{formatMoney(p.lifetimeValue.amountMinor, p.lifetimeValue.currency)}</b> ·{' '}
            {p.cases.length} case{p.cases.length === 1 ? '' : 's'} · {p.purchases.length} purchase
            {p.purchases.length === 1 ? '' : 's'}
            {p.language && ` · speaks ${p.language}`}
          </Text>
          <HistoryLine profile={p} />
        </div>
        {canMerge && (
          <Button variant="default" onClick={() => setMerging(true)}>
            Merge a duplicate…
          </Button>
        )}
      </Group>
      <NeedsAndPreferences specialNeeds={p.specialNeeds} preferences={p.preferences} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="cust-cases">
              <Title order={2} size="h5" id="cust-cases" mb="xs">
                All cases, every site
              </Title>
              <CaseSummaryList cases={p.cases} timeZone={session.timeZone} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="cust-contacts">
              <Title order={2} size="h5" id="cust-contacts" mb="xs">
                Recent contacts
              </Title>
              <RecentContacts messages={p.recentMessages} limit={20} timeZone={session.timeZone} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="cust-purchases">
              <Title order={2} size="h5" id="cust-purchases" mb="xs">
                Purchases
              </Title>
              <PurchaseList purchases={p.purchases} timeZone={session.timeZone} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="cust-ids">
              <Title order={2} size="h5" id="cust-ids" mb="xs">
                Identities and household
              </Title>
              <IdentityList profile={p} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {canMerge && (
        <MergeDialog
          survivorId={p.id}
          survivorName={p.displayName}
          opened={merging}
          onClose={() => setMerging(false)}
        />
      )}
    </Stack>
  );
}
