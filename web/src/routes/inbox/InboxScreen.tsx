import { Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { prefetchCase, useCaseList } from '../../api/cases.ts';
import { customerQuery } from '../../api/customers.ts';
import { useMe } from '../../api/session.ts';
import { useSlaCases } from '../../api/standards.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { navigate, paths } from '../../lib/router.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { CaseList } from './CaseList.tsx';
import { InboxFiltersBar } from './InboxFiltersBar.tsx';
import { filtersFrom, filtersToParams, type InboxFilters, queueQuery, sortByWaiting } from './queues.ts';
import { useListKeys } from './useListKeys.ts';

/** The inbox. `active` is false while it waits, still mounted, behind an open case. */
export function InboxScreen({ params, active = true }: { params: URLSearchParams; active?: boolean }) {
  const session = useSession();
  const client = useQueryClient();
  const search = params.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(search)), [search]);
  // Team and home site come with GET /me; the directory entry (loaded later) says the same.
  const me = useMe().data?.agent;
  const teamId = me?.teamId ?? session.profile?.teamId;
  const siteId = me?.siteId ?? session.profile?.siteId;
  const needsSite = filters.queue === 'site' && !filters.site;
  // Known to have no home site (from /me, or the directory entry): nothing to ask the server.
  const noSite = needsSite && !siteId && (me?.siteId === null || Boolean(session.profile));
  // Behind an open case the list is not refetched on every live event (nor re-rendered): it
  // refetches once when the agent comes back, and rows that did not change keep their identity.
  const list = useCaseList(queueQuery(filters, { siteId }), active && (!needsSite || Boolean(siteId)));
  // By time left the rows stay in the server's order (it alone knows each case's deadline).
  const bySla = filters.sort === 'time_left';
  const items = useMemo(
    () => (bySla ? (list.data?.items ?? []) : sortByWaiting(list.data?.items ?? [])),
    [list.data, bySla],
  );
  // The selection follows the case, not the row number, so a case arriving live does not move it.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const found = selectedId ? items.findIndex((c) => c.id === selectedId) : -1;
  const selected = Math.max(found, 0);
  const [now, setNow] = useState(() => Date.now());
  // Time left per case, from the SLA sweep; the column shows a dash when this is not available.
  const sla = useSlaCases(active);

  // Waiting times move on every 30 s while the inbox is on screen; behind a case they wait (every
  // row would re-render), and catch up when it shows again if they are 30 s old by then.
  const nowRef = useRef(now);
  nowRef.current = now;
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const stale = Date.now() - nowRef.current;
    if (stale >= 30_000) tick();
    const delay = stale >= 30_000 ? 30_000 : 30_000 - stale;
    let timer: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      tick();
      timer = setInterval(tick, 30_000);
    }, delay);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const setSelected = useCallback((index: number) => {
    const c = itemsRef.current[index];
    if (c) setSelectedId(c.id);
  }, []);
  useEffect(() => {
    const c = items[selected];
    if (!c) return;
    prefetchCase(client, c.id);
    void client.prefetchQuery(customerQuery(c.customerId));
  }, [items, selected, client]);

  const open = useCallback((index: number) => {
    const c = itemsRef.current[index];
    if (c) navigate(paths.case(c.id));
  }, []);
  const changeFilters = useCallback((f: InboxFilters) => navigate(paths.inbox(filtersToParams(f))), []);
  useListKeys({ count: active ? items.length : 0, selected, onSelect: setSelected, onOpen: open });

  const emptyReason =
    filters.queue === 'team' && !teamId
      ? 'You are not in a team, so this queue is empty.'
      : filters.queue === 'site' && !siteId
        ? 'You have no home site, so this queue is empty.'
        : 'Nothing waits here with these filters. Try another queue or clear a filter.';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h3">
          Inbox
        </Title>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          <Kbd>j</Kbd> <Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>/</Kbd> search
        </Text>
      </Group>
      <InboxFiltersBar value={filters} onChange={changeFilters} />
      {list.error && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && !list.error && !noSite && <Loading label="Loading cases" rows={6} />}
      {(noSite || (list.data && items.length === 0)) && (
        <EmptyState title="No cases">{emptyReason}</EmptyState>
      )}
      {items.length > 0 && (
        <CaseList
          items={items}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
          now={now}
          sla={sla.data}
        />
      )}
      {list.data?.nextCursor && (
        <Text size="xs" c="dimmed">
          Showing the {list.data.items.length}{' '}
          {bySla ? 'cases with the least time left' : 'longest-waiting cases'}; narrow the filters to see the
          rest.
        </Text>
      )}
    </Stack>
  );
}
