import { Anchor, Badge, Group, Paper, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CasePatch, useCase, useUpdateCase } from '../../api/cases.ts';
import { ApiError, isConflict } from '../../api/client.ts';
import { ChannelIcon } from '../../components/ChannelIcon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { isTyping } from '../../lib/keys.ts';
import { inboxPath, navigate, paths } from '../../lib/router.ts';
import { useAfterPaint } from '../../lib/useAfterPaint.ts';
import { useCan, useSession } from '../../session/SessionContext.tsx';
import { CustomerPanel } from '../customer/CustomerPanel.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { CaseFields } from './CaseFields.tsx';
import classes from './CaseScreen.module.css';
import { ChecklistPanel } from './ChecklistPanel.tsx';
import { Composer } from './Composer.tsx';
import { ConflictBanner } from './ConflictBanner.tsx';
import { LogContactForm } from './LogContactForm.tsx';
import { SlaBadges } from './SlaBadges.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { Timeline } from './Timeline.tsx';

/**
 * One case: fields editable in place, the timeline, the composer, and the customer beside it.
 * The header, fields, timeline and customer panel render first (opening a case from the inbox is the
 * agent's hottest path); the SLA badges, checklist, suggestions, composer and action panel mount just
 * after that first paint (see useAfterPaint).
 */
export function CaseScreen({ id }: { id: string }) {
  const session = useSession();
  const canUpdate = useCan('case.update');
  const canReply = useCan('case.reply');
  const canSuggest = useCan('reasoning.suggest');
  const canAct = useCan('authority.act');
  const query = useCase(id);
  const update = useUpdateCase(id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(query.data);
  const secondary = useAfterPaint(loaded);
  // Escape (outside a field) goes back to the inbox, where the selection is as it was left.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !isTyping(event) && !event.defaultPrevented) navigate(inboxPath());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Opening a case moves focus to its title, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (loaded) heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  // Stable across renders (it reads the version through a ref), so the memoised fields do not
  // re-render when the panels mounted after the first paint do.
  const version = useRef(query.data?.version);
  version.current = query.data?.version;
  const mutate = update.mutate;
  const patch = useCallback(
    (change: CasePatch) => {
      if (version.current === undefined) return;
      mutate(
        { patch: change, version: version.current },
        {
          onError: (error) => {
            if (isConflict(error)) setConflict(error);
          },
          onSuccess: () => setConflict(null),
        },
      );
    },
    [mutate],
  );
  const reload = async () => {
    await query.refetch();
    setConflict(null);
    update.reset();
  };

  if (query.isPending) return <Loading label="Loading case" rows={8} />;
  if (query.error && !query.data)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;

  return (
    <div className={classes.layout}>
      <div className={classes.main}>
        <header>
          <Anchor href={`#${inboxPath()}`} size="sm">
            ← Inbox
          </Anchor>
          <Group gap="xs" align="center" wrap="nowrap">
            <ChannelIcon channel={c.channel} size={22} />
            <Title
              order={1}
              size="h3"
              style={{ overflowWrap: 'anywhere', outline: 'none' }}
              ref={heading}
              tabIndex={-1}
            >
              {c.subject || '(no subject)'}
            </Title>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Case #{c.number} · opened {formatDateTime(c.createdAt, session.timeZone)}
            </Text>
            <StatusBadge status={c.status} />
            {c.reopenedCount > 0 && (
              <Badge color="red" variant="light" size="sm">
                reopened {c.reopenedCount}×
              </Badge>
            )}
            <Anchor href={`#${paths.customer(c.customerId)}`} size="sm">
              Customer page
            </Anchor>
          </Group>
          {secondary && <SlaBadges caseId={c.id} timeZone={session.timeZone} />}
        </header>
        {conflict && (
          <ConflictBanner
            detail={conflict.detail}
            onReload={() => void reload()}
            reloading={query.isFetching}
          />
        )}
        {update.error && !isConflict(update.error) && <ProblemAlert error={update.error} />}
        <Paper withBorder p="sm" component="section" aria-label="Case details">
          <CaseFields value={c} onPatch={patch} disabled={!canUpdate || update.isPending} />
        </Paper>
        {secondary && <ChecklistPanel caseId={c.id} canUpdate={canUpdate} />}
        <Timeline messages={c.timeline} timeZone={session.timeZone} />
        {secondary && canSuggest && <SuggestionsPanel caseId={c.id} canReply={canReply} />}
        {secondary && canReply && (
          <Paper withBorder p="sm">
            <Tabs defaultValue="message" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="message">Reply or note</Tabs.Tab>
                <Tabs.Tab value="log">Log call or visit</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="message" pt="xs">
                <Composer caseId={c.id} status={c.status} />
              </Tabs.Panel>
              <Tabs.Panel value="log" pt="xs">
                <LogContactForm caseId={c.id} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        )}
        {secondary && canAct && <ActionPanel caseId={c.id} />}
        {query.error instanceof ApiError && <ProblemAlert error={query.error} />}
      </div>
      <div>
        <CustomerPanel customerId={c.customerId} currentCaseId={c.id} currentCategory={c.category} />
      </div>
    </div>
  );
}
