import { Anchor, Badge, Grid, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useCustomerSearch, useSearch } from '../../api/customers.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/router.ts';
import { useSession } from '../../session/SessionContext.tsx';

/** Customer search (name, email, phone, account) beside full-text search over conversations. */
export function SearchScreen({ q: initial }: { q: string }) {
  const session = useSession();
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const [term] = useDebouncedValue(q, 250);
  const customers = useCustomerSearch(term);
  const messages = useSearch(term);
  const short = term.trim().length < 2;

  return (
    <Stack>
      <Title order={1} size="h3">
        Customers and conversations
      </Title>
      <TextInput
        label="Search"
        description="A name, email, phone or account number finds customers; any words find messages and cases."
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={560}
        autoFocus={!initial}
      />
      {short && <EmptyState title="Type at least two characters" />}
      {!short && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="found-customers">
              <Title order={2} size="h5" id="found-customers" mb="xs">
                Customers
              </Title>
              {customers.error && <ProblemAlert error={customers.error} />}
              {customers.isPending && <Loading label="Searching customers" rows={3} />}
              {customers.data?.length === 0 && <EmptyState title="No customer matches" />}
              <Stack gap="xs">
                {customers.data?.map((c) => (
                  <div key={c.id}>
                    <Group gap="xs">
                      <Anchor href={`#${paths.customer(c.id)}`} fw={600}>
                        {c.displayName || 'Unnamed customer'}
                      </Anchor>
                      <Badge size="xs" variant="outline">
                        {c.tier}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        matched by {c.matched}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {c.identities.map((i) => i.value).join(' · ')}
                    </Text>
                  </div>
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="found-messages">
              <Title order={2} size="h5" id="found-messages" mb="xs">
                Conversations
              </Title>
              {messages.error && <ProblemAlert error={messages.error} />}
              {messages.isPending && <Loading label="Searching conversations" rows={3} />}
              {messages.data?.length === 0 && <EmptyState title="No message or case matches" />}
              <Stack gap="xs">
                {messages.data?.map((hit) => (
                  <Group key={`${hit.type}-${hit.id}`} gap={6} wrap="nowrap" align="flex-start">
                    <ChannelIcon channel={hit.channel} size={14} />
                    <div style={{ minWidth: 0 }}>
                      <Anchor href={`#${paths.case(hit.caseId)}`} size="sm" fw={600}>
                        #{hit.caseNumber} {hit.subject ?? ''}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {hit.customerName} · {formatDateTime(hit.occurredAt, session.timeZone)}
                      </Text>
                      {/* The server escapes everything but <mark> (see src/http/routes/search.ts). */}
                      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped server-side, only <mark> kept */}
                      <Text size="sm" dangerouslySetInnerHTML={{ __html: hit.highlight }} />
                    </div>
                  </Group>
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
