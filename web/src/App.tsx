import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, session } from './api';
import { consoles } from './consoles';

interface Account { id: string; email: string; displayName: string; role: string; merchantId: string | null; locationId: string | null }
interface Location { id: string; code: string; name: string; kind: string; city: string; country: string; address: string }

function useReadiness() {
  const [state, setState] = useState<'checking' | 'ready' | 'down'>('checking');
  const [database, setDatabase] = useState('');
  useEffect(() => {
    fetch('/readyz').then(async (r) => {
      const body = await r.json();
      setState(r.ok ? 'ready' : 'down');
      setDatabase(body.database ?? '');
    }, () => setState('down'));
  }, []);
  return { state, database };
}

function SignIn({ onSignedIn }: { onSignedIn: (account: Account) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await api<{ token: string; account: Account }>('/v1/sessions', { method: 'POST', body: { email, password } });
      session.save(result.token);
      onSignedIn(result.account);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The server could not be reached');
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Sign in">
      <h2>Sign in</h2>
      <label>Email <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
      <label>Password <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
      <button type="submit">Sign in</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

function useHashPath(): string {
  const [path, setPath] = useState(() => window.location.hash.replace(/^#\/?/, ''));
  useEffect(() => {
    const onChange = () => setPath(window.location.hash.replace(/^#\/?/, ''));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export function App() {
  const readiness = useReadiness();
  const path = useHashPath();
  const [account, setAccount] = useState<Account | null>(null);
  const [locations, setLocations] = useState<Location[]>([]);

  useEffect(() => {
    if (session.token()) api<Account>('/v1/me').then(setAccount, () => session.clear());
    api<{ items: Location[] }>('/v1/locations').then((r) => setLocations(r.items), () => setLocations([]));
  }, []);

  const signOut = async () => {
    await api('/v1/sessions/current', { method: 'DELETE' }).catch(() => undefined);
    session.clear();
    setAccount(null);
  };

  return (
    <div className="shell">
      <header>
        <h1>Mercato</h1>
        <span className={`status ${readiness.state}`} data-testid="api-status">
          {readiness.state === 'ready' ? `API ready (${readiness.database})` : readiness.state === 'down' ? 'API unreachable' : 'Checking API…'}
        </span>
        {account && (
          <span className="who" data-testid="signed-in">
            {account.displayName} · {account.role} <button onClick={signOut}>Sign out</button>
          </span>
        )}
      </header>
      <nav className="consoles">
        <a href="#/">Home</a>
        {consoles.filter((c) => c.roles.length === 0 || (account && c.roles.includes(account.role as never))).map((c) => (
          <a key={c.path} href={`#/${c.path}`} className={path.startsWith(c.path) ? 'active' : ''}>{c.title}</a>
        ))}
      </nav>
      <main>
        {(() => {
          const current = consoles.find((c) => path && path.split('/')[0] === c.path);
          if (!current) return null;
          const Page = current.component;
          return <Page />;
        })()}
        {!account && <SignIn onSignedIn={setAccount} />}
        <section className="card">
          <h2>Stores and pickup points</h2>
          <table>
            <thead><tr><th>Name</th><th>Kind</th><th>City</th><th>Address</th></tr></thead>
            <tbody>
              {locations.map((l) => (
                <tr key={l.id}><td>{l.name}</td><td>{l.kind.replaceAll('_', ' ')}</td><td>{l.city}</td><td>{l.address}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
        <p className="hint">API reference: <a href="/docs">/docs</a> · <a href="/openapi.json">openapi.json</a></p>
      </main>
    </div>
  );
}
