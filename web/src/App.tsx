import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { sessionExpiry, setCsrfToken, whenUnauthorized } from './api/client.ts';
import { useMyProfile } from './api/directory.ts';
import { keys } from './api/keys.ts';
import { useMe } from './api/session.ts';
import type { Me } from './api/types.ts';
import { Loading } from './components/Loading.tsx';
import { ProblemAlert } from './components/ProblemAlert.tsx';
import { Shell } from './components/Shell.tsx';
import { rememberInbox, useRoute } from './lib/router.ts';
import { CaseScreen } from './routes/case/CaseScreen.tsx';
import { InboxScreen } from './routes/inbox/InboxScreen.tsx';
import { LoginScreen } from './session/LoginScreen.tsx';
import { type Session, SessionContext } from './session/SessionContext.tsx';

// The inbox and case view are the hot path and ship in the first bundle; the rest loads on demand.
const CustomerScreen = lazy(async () => ({
  default: (await import('./routes/customer/CustomerScreen.tsx')).CustomerScreen,
}));
const ApprovalsScreen = lazy(async () => ({
  default: (await import('./routes/approvals/ApprovalsScreen.tsx')).ApprovalsScreen,
}));
const RulesScreen = lazy(async () => ({
  default: (await import('./routes/rules/RulesScreen.tsx')).RulesScreen,
}));
const StandardsScreen = lazy(async () => ({
  default: (await import('./routes/standards/StandardsScreen.tsx')).StandardsScreen,
}));
const SearchScreen = lazy(async () => ({
  default: (await import('./routes/search/SearchScreen.tsx')).SearchScreen,
}));

export function App() {
  const client = useQueryClient();
  const me = useMe();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    whenUnauthorized((error) => {
      setCsrfToken(null);
      setNotice(
        error.code === 'auth.session_expired' && error.detail
          ? error.detail
          : 'Your session has ended; log in again.',
      );
      client.setQueryData<Me | null>(keys.me, null);
    });
  }, [client]);

  // A session ends at the time the server gave at login; say so then rather than on the next click.
  const loggedIn = Boolean(me.data);
  useEffect(() => {
    const at = loggedIn ? sessionExpiry() : null;
    if (at === null) return;
    const timer = setTimeout(
      () => {
        setCsrfToken(null);
        setNotice('Your session has ended; log in again. Drafts are kept.');
        client.setQueryData<Me | null>(keys.me, null);
      },
      Math.max(0, Math.min(at - Date.now(), 2_147_000_000)),
    );
    return () => clearTimeout(timer);
  }, [loggedIn, client]);

  if (me.isPending) return <Loading label="Loading Casebook" rows={3} />;
  if (me.error) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoginScreen notice={notice} />;
  return <LoggedIn me={me.data} />;
}

function LoggedIn({ me }: { me: Me }) {
  const profile = useMyProfile(me.agent.id);
  const route = useRoute();
  // The inbox stays mounted (hidden) behind an open case: opening and going back cost no re-render
  // of the list, and the selection and scroll position are where the agent left them.
  const inboxParams = useRef<URLSearchParams | null>(null);
  if (route.name === 'inbox') {
    inboxParams.current = route.params;
    rememberInbox(route.params);
  }
  const keepInbox = inboxParams.current !== null && (route.name === 'inbox' || route.name === 'case');
  const session = useMemo<Session>(
    () => ({
      agent: me.agent,
      abilities: me.abilities,
      profile,
      // /me carries the time zone, so dates need not wait for the directory's profile.
      timeZone: me.agent.timeZone ?? profile?.timeZone ?? undefined,
    }),
    [me, profile],
  );
  return (
    <SessionContext.Provider value={session}>
      <Shell route={route}>
        {keepInbox && inboxParams.current && (
          <div hidden={route.name !== 'inbox'}>
            <InboxScreen params={inboxParams.current} active={route.name === 'inbox'} />
          </div>
        )}
        {route.name === 'case' && <CaseScreen key={route.id} id={route.id} />}
        <Suspense fallback={<Loading label="Loading" rows={4} />}>
          {route.name === 'customer' && <CustomerScreen key={route.id} id={route.id} />}
          {route.name === 'search' && <SearchScreen q={route.params.get('q') ?? ''} />}
          {route.name === 'approvals' && <ApprovalsScreen />}
          {route.name === 'rules' && <RulesScreen tab={route.params.get('tab') ?? undefined} />}
          {route.name === 'standards' && <StandardsScreen tab={route.params.get('tab') ?? undefined} />}
        </Suspense>
      </Shell>
    </SessionContext.Provider>
  );
}
