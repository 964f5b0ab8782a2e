import { Anchor, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { memo } from 'react';
import { useCustomer } from '../../api/customers.ts';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatMoney } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { CaseSummaryList } from './CaseSummaryList.tsx';
import { HistoryLine } from './HistoryLine.tsx';
import { IdentityList } from './IdentityList.tsx';
import { NeedsAndPreferences } from './NeedsAndPreferences.tsx';
import { PurchaseList } from './PurchaseList.tsx';
import { RecentContacts } from './RecentContacts.tsx';
import { TierBadge } from './TierBadge.tsx';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={4}>
        {title}
      </Text>
      {children}
    </section>
  );
}

/**
 * "Know them": everything about the customer an agent needs while working a case, in one glance.
 * Memoised: the case screen re-renders when its secondary panels mount, the customer does not change.
 */
export const CustomerPanel = memo(function CustomerPanel({
  customerId,
  currentCaseId,
  currentCategory,
}: {
  customerId: string;
  currentCaseId?: string;
  currentCategory?: string | null;
}) {
  const session = useSession();
  const query = useCustomer(customerId);
  if (query.isPending) return <Loading label="Loading customer" rows={6} />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  const openCases = p.cases.filter((c) => ['new', 'open', 'pending'].includes(c.status));

  return (
    <Paper withBorder p="md" component="aside" aria-label="Customer" data-testid="customer-panel">
      <Stack gap="sm">
        <div>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Title order={2} size="h4">
              <Anchor href={`#${paths.customer(p.id)}`} c="dark" inherit>
                {p.displayName || 'Unnamed customer'}
              </Anchor>
            </Title>
            <TierBadge tier={p.tier} />
          </Group>
          <Text size="sm">
            Lifetime value <b>{formatMoney(p.lifetimeValue.amountMinor, p.lifetimeValue.currency)}</b>
            {p.language && ` · speaks ${p.language}`}
          </Text>
          <HistoryLine profile={p} currentCategory={currentCategory} />
        </div>
        <NeedsAndPreferences specialNeeds={p.specialNeeds} preferences={p.preferences} />
        <Section title="Purchases">
          <PurchaseList purchases={p.purchases} timeZone={session.timeZone} />
        </Section>
        <Divider />
        <Section title={`Open cases (${openCases.length})`}>
          <CaseSummaryList
            cases={openCases}
            currentCaseId={currentCaseId}
            timeZone={session.timeZone}
            empty="No open cases."
          />
        </Section>
        <Section title="Last contacts">
          <RecentContacts messages={p.recentMessages} timeZone={session.timeZone} />
        </Section>
        <Divider />
        <Section title="Identities and household">
          <IdentityList profile={p} />
        </Section>
      </Stack>
    </Paper>
  );
});
