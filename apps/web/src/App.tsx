import { useEffect, useState } from 'react';
import type { Session } from './api';
import { api, explain, token } from './api';
import { Findings } from './pages/Findings';
import { Find } from './pages/Find';
import { InvestigationDetail, InvestigationList } from './pages/Investigations';
import { Quality } from './pages/Quality';
import { SignIn } from './pages/SignIn';
import { TracePage } from './pages/TracePage';
import { Link, useLocation } from './router';

const TRACE_KINDS: Record<string, 'unit' | 'donation' | 'donor' | 'patient'> = {
  units: 'unit',
  donations: 'donation',
  donors: 'donor',
  patients: 'patient',
};

const Page = ({ session }: { session: Session }) => {
  const { path } = useLocation();
  const [, section, id] = path.split('/').map(decodeURIComponent);
  useEffect(() => {
    const titles: Record<string, string> = {
      units: 'Unit',
      donations: 'Donation',
      donors: 'Donor',
      patients: 'Patient',
      investigations: 'Investigations',
      audit: 'Findings',
      quality: 'Quality',
    };
    document.title = `${titles[section] ?? 'Find'}${id ? ` ${id}` : ''} · Hemotrace workbench`;
  }, [section, id]);
  if (section && TRACE_KINDS[section] && id)
    return <TracePage kind={TRACE_KINDS[section]} id={id} session={session} />;
  if (section === 'investigations' && id) return <InvestigationDetail id={id} session={session} />;
  if (section === 'investigations') return <InvestigationList session={session} />;
  if (section === 'audit' && id === 'findings') return <Findings />;
  if (section === 'quality') return <Quality />;
  if (!section) return <Find session={session} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at {path}. <Link to="/">Find a subject</Link>.
      </p>
    </section>
  );
};

export const App = () => {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(Boolean(token.get()));

  const signIn = async (value?: string) => {
    if (value) token.set(value);
    setChecking(true);
    try {
      setSession(await api<Session>('/session'));
      setError(null);
    } catch (e) {
      token.clear();
      setSession(null);
      setError(explain(e));
    } finally {
      setChecking(false);
    }
  };

  useEffect(() => {
    if (token.get()) void signIn();
  }, []);

  return (
    <>
      <header className="top no-print">
        <Link to="/" className="brand">
          Hemotrace workbench
        </Link>
        {session && (
          <nav aria-label="Main">
            <Link to="/">Find</Link>
            <Link to="/investigations">Investigations</Link>
            <Link to="/audit/findings">Findings</Link>
            <Link to="/quality">Quality</Link>
          </nav>
        )}
        {session && (
          <div className="who">
            <span data-testid="who">
              {session.userId} · {session.role} · {session.siteId}
            </span>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                token.clear();
                setSession(null);
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        {session ? (
          <Page session={session} />
        ) : checking ? (
          <p>Checking your token…</p>
        ) : (
          <SignIn onSignIn={signIn} error={error} />
        )}
      </main>
    </>
  );
};
