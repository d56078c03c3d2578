import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';

interface Wallet { currency: string; balanceMinor: number; exponent: number }
interface StatementLine { lineId: number; kind: string; amountMinor: number; currency: string; memo: string | null; createdAt: string; balanceAfterMinor: number }
interface Intent { id: string; status: string; failureCode: string | null; amountMinor: number; currency: string }
interface MemberCode { code: string; expiresAt: string; qr: string }
interface Device { id: string; label: string }

const TEST_CARDS = [
  { number: '4242424242424242', label: '4242 4242 4242 4242 — succeeds' },
  { number: '4000000000003220', label: '4000 0000 0000 3220 — 3-D Secure challenge' },
  { number: '4000000000000002', label: '4000 0000 0000 0002 — declined' },
  { number: '4000000000009995', label: '4000 0000 0000 9995 — insufficient funds' },
];

const FINAL = ['captured', 'failed', 'cancelled', 'requires_action'];

function exponentOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Display only: minor units as a localised amount. */
export function money(amountMinor: number, currency: string): string {
  const exponent = exponentOf(currency);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(amountMinor / 10 ** exponent);
}

/** Typed amount ("12.50") to minor units, without floating-point rounding. */
function toMinor(text: string, currency: string): number | null {
  const exponent = exponentOf(currency);
  const match = /^([0-9]+)(?:[.,]([0-9]+))?$/.exec(text.trim());
  if (!match || (match[2] ?? '').length > exponent) return null;
  return Number(match[1]) * 10 ** exponent + Number((match[2] ?? '').padEnd(exponent, '0') || '0');
}

function useWallets() {
  const [wallets, setWallets] = useState<Wallet[]>([]);
  const reload = useCallback(() => api<{ wallets: Wallet[] }>('/v1/wallet').then((r) => setWallets(r.wallets)), []);
  useEffect(() => { reload().catch(() => setWallets([])); }, [reload]);
  return { wallets, reload };
}

function Statement({ currency, version }: { currency: string; version: number }) {
  const [lines, setLines] = useState<StatementLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useCallback(async (after: string | null) => {
    const page = await api<{ items: StatementLine[]; nextCursor: string | null }>(`/v1/wallet/statement?currency=${currency}&limit=10${after ? `&cursor=${after}` : ''}`);
    setLines((previous) => (after ? [...previous, ...page.items] : page.items));
    setCursor(page.nextCursor);
  }, [currency]);
  useEffect(() => { load(null).catch(() => setLines([])); }, [load, version]);
  return (
    <section className="card" aria-label="Statement">
      <h3>Statement ({currency})</h3>
      <table>
        <thead><tr><th>When</th><th>What</th><th>Amount</th><th>Balance</th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.lineId} data-testid="statement-line">
              <td>{new Date(l.createdAt).toLocaleString()}</td>
              <td>{l.memo ?? l.kind.replaceAll('_', ' ')}</td>
              <td className={l.amountMinor < 0 ? 'debit' : 'credit'}>{money(l.amountMinor, l.currency)}</td>
              <td>{money(l.balanceAfterMinor, l.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && <button onClick={() => load(cursor)}>Load more</button>}
    </section>
  );
}

function TopUp({ currency, onDone }: { currency: string; onDone: () => void }) {
  const [amount, setAmount] = useState('20.00');
  const [card, setCard] = useState(TEST_CARDS[0].number);
  const [intent, setIntent] = useState<Intent | null>(null);
  const [error, setError] = useState<string | null>(null);

  const follow = useCallback(async (id: string) => {
    for (let i = 0; i < 40; i++) {
      const current = await api<Intent>(`/v1/payment-intents/${id}`);
      setIntent(current);
      if (FINAL.includes(current.status)) {
        if (current.status === 'captured') onDone();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, [onDone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const amountMinor = toMinor(amount, currency);
    if (!amountMinor) return setError(`Enter an amount in ${currency}`);
    try {
      const started = await api<{ intent: Intent }>('/v1/wallet/top-ups', { method: 'POST', body: { amountMinor, currency, provider: 'card_sandbox', cardNumber: card } });
      setIntent(started.intent);
      await follow(started.intent.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The server could not be reached');
    }
  };

  const answerChallenge = async (approve: boolean) => {
    if (!intent) return;
    await api(`/v1/payment-intents/${intent.id}/sandbox-challenge`, { method: 'POST', body: { approve } });
    setIntent({ ...intent, status: 'processing' });
    await follow(intent.id);
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Top up">
      <h3>Top up with a card (sandbox)</h3>
      <label>Amount ({currency}) <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" /></label>
      <label>Test card
        <select name="card" value={card} onChange={(e) => setCard(e.target.value)}>
          {TEST_CARDS.map((c) => <option key={c.number} value={c.number}>{c.label}</option>)}
        </select>
      </label>
      <button type="submit">Top up</button>
      {intent && (
        <p data-testid="top-up-status">
          {intent.status === 'captured' ? `Added ${money(intent.amountMinor, intent.currency)}`
            : intent.status === 'failed' ? `Declined (${intent.failureCode ?? 'declined'})`
              : intent.status === 'requires_action' ? 'Your bank asks you to confirm this payment' : `Waiting for the card provider (${intent.status})…`}
        </p>
      )}
      {intent?.status === 'requires_action' && (
        <div className="challenge">
          <button type="button" onClick={() => answerChallenge(true)}>Confirm payment</button>
          <button type="button" onClick={() => answerChallenge(false)}>Reject</button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

const DEVICE_KEY = 'mercato.memberDevice';

function MemberCodePanel() {
  const [code, setCode] = useState<MemberCode | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const deviceId = useCallback(async (): Promise<string> => {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known) {
      const devices = await api<{ items: Device[] }>('/v1/member-devices');
      if (devices.items.some((d) => d.id === known)) return known;
    }
    const device = await api<Device>('/v1/member-devices', { method: 'POST', body: { label: 'Web browser' } });
    localStorage.setItem(DEVICE_KEY, device.id);
    return device.id;
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const current = await api<MemberCode>(`/v1/member-devices/${await deviceId()}/code`);
        if (stopped) return;
        setCode(current);
        // A fresh code as soon as this one's 30-second step ends.
        timer = setTimeout(refresh, Math.max(500, new Date(current.expiresAt).getTime() - Date.now() + 200));
      } catch (e) {
        setError(e instanceof ApiError ? e.message : 'The server could not be reached');
      }
    };
    refresh();
    return () => { stopped = true; clearTimeout(timer); };
  }, [deviceId]);

  useEffect(() => {
    const tick = setInterval(() => setSecondsLeft(code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - Date.now()) / 1000)) : 0), 250);
    return () => clearInterval(tick);
  }, [code]);

  return (
    <section className="card member-code" aria-label="Member code">
      <h3>Pay at the till</h3>
      <p>Show this code at the till: it identifies you and pays from your wallet.</p>
      {code && (
        <>
          <img src={code.qr} alt="Member payment code" width={200} height={200} />
          <p className="code" data-testid="member-code">{code.code.replace(/(\d{4})(?=\d)/g, '$1 ')}</p>
          <p className="hint" data-testid="member-code-expiry">New code in {secondsLeft} s</p>
        </>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

/** The shopper's wallet: balance, statement, card top-up, and the rotating member code. */
export function WalletConsole() {
  const { wallets, reload } = useWallets();
  const [currency, setCurrency] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const selected = currency ?? wallets[0]?.currency ?? 'EUR';
  const onTopUp = useCallback(() => { reload(); setVersion((v) => v + 1); }, [reload]);

  return (
    <div className="wallet">
      <section className="card" aria-label="Wallet balance">
        <h2>Wallet</h2>
        {wallets.length === 0 && <p>No money in your wallet yet: top up below.</p>}
        <ul>
          {wallets.map((w) => (
            <li key={w.currency}>
              <button className={w.currency === selected ? 'active' : ''} onClick={() => setCurrency(w.currency)} data-testid={`balance-${w.currency}`}>
                {money(w.balanceMinor, w.currency)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <TopUp currency={selected} onDone={onTopUp} />
      <MemberCodePanel />
      <Statement currency={selected} version={version} />
    </div>
  );
}
