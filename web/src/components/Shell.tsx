import { Anchor, AppShell, Badge, Button, Group, Kbd, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useLiveUpdates } from '../api/live.ts';
import { useLogout } from '../api/session.ts';
import { isTyping } from '../lib/keys.ts';
import { navigate, paths, type Route } from '../lib/router.ts';
import { useCan, useSession } from '../session/SessionContext.tsx';

const liveLabel = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' } as const;
const liveColor = { live: 'teal', connecting: 'yellow', offline: 'red' } as const;

/** The frame around every screen: navigation, search (press /), live status, who is signed in. */
export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const session = useSession();
  const logout = useLogout();
  const live = useLiveUpdates(true);
  const canApprove = useCan('authority.approve');
  const canManageRules = useCan('authority.manage_rules');
  const canReportAuthority = useCan('authority.report');
  const canManageStandards = useCan('standards.manage');
  const canReportStandards = useCan('standards.report');
  const canSeeRules = canManageRules || canReportAuthority || canApprove;
  const canSeeStandards = canManageStandards || canReportStandards;
  const search = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(route.name === 'search' ? (route.params.get('q') ?? '') : '');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !isTyping(event) && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(paths.search(q.trim()));
  };

  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="md" wrap="nowrap">
            <Text fw={800} size="lg" c="indigo.8">
              Casebook
            </Text>
            <nav aria-label="Main">
              <Group gap="sm" wrap="nowrap">
                <Anchor
                  underline="hover"
                  href="#/inbox"
                  fw={route.name === 'inbox' ? 700 : 400}
                  aria-current={route.name === 'inbox' ? 'page' : undefined}
                >
                  Inbox
                </Anchor>
                <Anchor
                  underline="hover"
                  href="#/search"
                  fw={route.name === 'search' || route.name === 'customer' ? 700 : 400}
                  aria-current={route.name === 'search' ? 'page' : undefined}
                >
                  Customers
                </Anchor>
                <Anchor
                  underline="hover"
                  href="#/approvals"
                  fw={route.name === 'approvals' ? 700 : 400}
                  aria-current={route.name === 'approvals' ? 'page' : undefined}
                >
                  {canApprove ? 'Approvals' : 'Authority'}
                </Anchor>
                {canSeeRules && (
                  <Anchor
                    underline="hover"
                    href="#/rules"
                    fw={route.name === 'rules' ? 700 : 400}
                    aria-current={route.name === 'rules' ? 'page' : undefined}
                  >
                    Rules
                  </Anchor>
                )}
                {canSeeStandards && (
                  <Anchor
                    underline="hover"
                    href="#/standards"
                    fw={route.name === 'standards' ? 700 : 400}
                    aria-current={route.name === 'standards' ? 'page' : undefined}
                  >
                    Standards
                  </Anchor>
                )}
              </Group>
            </nav>
          </Group>
          {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the widely supported landmark */}
          <form onSubmit={submit} role="search" style={{ flex: 1, maxWidth: 420 }}>
            <VisuallyHidden>
              <label htmlFor="global-search">Search customers and conversations</label>
            </VisuallyHidden>
            <TextInput
              id="global-search"
              ref={search}
              placeholder="Search customers, messages…"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') e.currentTarget.blur();
              }}
              rightSection={<Kbd size="xs">/</Kbd>}
            />
          </form>
          <Group gap="sm" wrap="nowrap">
            <Badge color={liveColor[live]} variant="dot" aria-live="polite" visibleFrom="sm">
              {liveLabel[live]}
            </Badge>
            <Text size="sm" visibleFrom="md" truncate>
              {session.agent.name} · {session.agent.role}
            </Text>
            <Button size="xs" variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
