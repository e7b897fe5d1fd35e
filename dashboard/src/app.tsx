import { Button, Spinner } from '@wordpress/components';
import { can } from '@igny8/shared/roles';
import { Link, Redirect, Route, Switch, useRoute } from 'wouter';
import { useSession, useSignedIn } from './api/session';
import { lazy, Suspense } from 'react';
import { SignInPage } from './pages/sign-in';

// The sign-in page is the first most people see: the tables (DataViews) and the chart load after it.
const OverviewPage = lazy(() => import('./pages/overview').then((m) => ({ default: m.OverviewPage })));
const SitesPage = lazy(() => import('./pages/sites').then((m) => ({ default: m.SitesPage })));
const SitePage = lazy(() => import('./pages/site').then((m) => ({ default: m.SitePage })));
const UsersPage = lazy(() => import('./pages/users').then((m) => ({ default: m.UsersPage })));
const SettingsPage = lazy(() => import('./pages/settings').then((m) => ({ default: m.SettingsPage })));
const AccountsPage = lazy(() => import('./pages/accounts').then((m) => ({ default: m.AccountsPage })));
const UsagePage = lazy(() => import('./pages/usage').then((m) => ({ default: m.UsagePage })));

function Loading() {
  return (
    <div className="igny8-loading" role="status">
      <Spinner /> Loading…
    </div>
  );
}

function NavLink({ href, children }: { href: string; children: string }) {
  const [active] = useRoute(href === '/' ? '/' : `${href}/*?`);
  return (
    <Link href={href} className={active ? 'is-active' : ''} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Shell() {
  const { user, account } = useSignedIn();
  const { signOut } = useSession();
  const billing = can(user.role, 'billing');
  // Only user managers may list the account's users.
  const users = can(user.role, 'manage_users');
  // Developers look across accounts; the API refuses everyone else anyway.
  const accounts = can(user.role, 'all_accounts');
  return (
    <div className="igny8-shell">
      <a className="igny8-skip" href="#igny8-main">
        Skip to content
      </a>
      <header className="igny8-header">
        <strong className="igny8-brand">IGNY8</strong>
        <nav aria-label="Dashboard">
          <NavLink href="/">Overview</NavLink>
          <NavLink href="/sites">Sites</NavLink>
          {users && <NavLink href="/users">Users</NavLink>}
          {billing && <NavLink href="/usage">Usage</NavLink>}
          <NavLink href="/settings">Settings</NavLink>
          {accounts && <NavLink href="/accounts">Accounts</NavLink>}
        </nav>
        <span className="igny8-who">
          {user.email} · {account.name}
        </span>
        <Button variant="secondary" size="compact" onClick={() => void signOut()}>
          Sign out
        </Button>
      </header>
      <main id="igny8-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={OverviewPage} />
          <Route path="/sites" component={SitesPage} />
          <Route path="/sites/:id">{(params) => <SitePage key={params.id} id={params.id} />}</Route>
          {users && <Route path="/users" component={UsersPage} />}
          {billing && <Route path="/usage" component={UsagePage} />}
          <Route path="/settings" component={SettingsPage} />
          {accounts && <Route path="/accounts" component={AccountsPage} />}
          <Route>
            <section className="igny8-page">
              <h1>Page not found</h1>
              <p>
                <Link href="/">Go to the overview</Link>
              </p>
            </section>
          </Route>
        </Switch>
        </Suspense>
      </main>
    </div>
  );
}

export function App() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') {
    return (
      <Switch>
        <Route path="/" component={SignInPage} />
        <Route>
          <Redirect to="/" />
        </Route>
      </Switch>
    );
  }
  return <Shell />;
}
