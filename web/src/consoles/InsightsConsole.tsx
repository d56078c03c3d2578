import { useEffect, useState } from 'react';
import { api, ApiError, session } from '../http';

interface Channel { channel: string; orders: number; gmvMinor: number; share: number }
interface Summary {
  currency: string; gmvMinor: number; refundsMinor: number; netSalesMinor: number; orders: number; customers: number; aovMinor: number; units: number;
  newCustomers: number; returningCustomers: number; repeatRate: number; ordersPerCustomer: number; channels: Channel[];
}
interface Row { key: string | null; label: string | null; orders: number; gmvMinor: number; units: number; share: number }
interface Cohort { cohort: string; customers: number; retained: number[]; retention: number[] }
interface Funnel { viewers: number; cartAdders: number; buyers: number; viewToCart: number; cartToOrder: number; viewToOrder: number }

const money = (minor: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Downloads a report as CSV (the bearer token rides along, so a plain link would not do). */
async function downloadCsv(path: string, name: string) {
  const token = session.token();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

/** A bar per row, with the numbers in the table beside it (the chart is never the only copy). */
function Bars({ rows, label }: { rows: Array<{ name: string; value: number }>; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <svg role="img" aria-label={label} width="320" height={rows.length * 22 + 4}>
      {rows.map((r, i) => (
        <g key={r.name} transform={`translate(0 ${i * 22 + 2})`}>
          <text x="0" y="14" fontSize="12">{r.name}</text>
          <rect x="90" y="2" height="16" width={Math.max(1, (r.value / max) * 220)} fill="currentColor" opacity="0.6" />
        </g>
      ))}
    </svg>
  );
}

/**
 * Analysts and operators see every merchant (or one); merchant staff their own figures only —
 * the server scopes them, this screen just asks.
 */
export function InsightsConsole() {
  const [from, setFrom] = useState(daysAgo(90));
  const [to, setTo] = useState(today());
  const [asOf, setAsOf] = useState(today());
  const [currency, setCurrency] = useState('EUR');
  const [by, setBy] = useState<'merchant' | 'store' | 'category' | 'channel'>('category');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [cohorts, setCohorts] = useState<Cohort[]>([]);
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [error, setError] = useState<string | null>(null);
  // `to` is exclusive on the server; the form's "to" day is included.
  const query = `from=${from}&to=${new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10)}&asOf=${asOf}T23:59:59Z&currency=${currency}`;

  useEffect(() => {
    setError(null);
    Promise.all([
      api<Summary>(`/v1/insights/summary?${query}`).then(setSummary),
      api<{ rows: Row[] }>(`/v1/insights/breakdown?${query}&by=${by}`).then((r) => setRows(r.rows)),
      api<{ cohorts: Cohort[] }>(`/v1/insights/cohorts?${query}`).then((r) => setCohorts(r.cohorts)),
      api<Funnel>(`/v1/insights/funnel?${query}`).then(setFunnel),
    ]).catch((e) => setError(e instanceof ApiError ? e.message : 'The figures could not be loaded'));
  }, [query, by]);

  return (
    <>
      <section className="card" aria-label="Insights filters">
        <h2>Insights</h2>
        <label>From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
        <label>As of <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
        <label>Currency <input aria-label="Currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} /></label>
        {error && <p role="alert">{error}</p>}
      </section>

      {summary && (
        <section className="card" aria-label="Summary">
          <h3>Summary</h3>
          <dl data-testid="kpis">
            <dt>GMV</dt><dd data-testid="gmv">{money(summary.gmvMinor, summary.currency)}</dd>
            <dt>Net sales</dt><dd>{money(summary.netSalesMinor, summary.currency)} (refunds {money(summary.refundsMinor, summary.currency)})</dd>
            <dt>Orders</dt><dd data-testid="orders">{summary.orders}</dd>
            <dt>Customers</dt><dd>{summary.customers} ({summary.newCustomers} new, {summary.returningCustomers} returning)</dd>
            <dt>Average order</dt><dd>{money(summary.aovMinor, summary.currency)}</dd>
            <dt>Repeat rate</dt><dd>{pct(summary.repeatRate)} · {summary.ordersPerCustomer} orders per customer</dd>
          </dl>
          <h4>Channel mix</h4>
          <Bars label="GMV by channel" rows={summary.channels.map((c) => ({ name: c.channel, value: c.gmvMinor }))} />
          <table>
            <thead><tr><th>Channel</th><th>Orders</th><th>GMV</th><th>Share</th></tr></thead>
            <tbody>{summary.channels.map((c) => <tr key={c.channel}><td>{c.channel}</td><td>{c.orders}</td><td>{money(c.gmvMinor, summary.currency)}</td><td>{pct(c.share)}</td></tr>)}</tbody>
          </table>
          <button type="button" onClick={() => downloadCsv(`/v1/insights/summary?${query}&format=csv`, 'summary')}>Download CSV</button>
        </section>
      )}

      <section className="card" aria-label="Breakdown">
        <h3>GMV by <select aria-label="Group by" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          <option value="category">category</option><option value="merchant">merchant</option><option value="store">store</option><option value="channel">channel</option>
        </select></h3>
        <Bars label={`GMV by ${by}`} rows={rows.slice(0, 12).map((r) => ({ name: (r.label ?? r.key ?? '—').slice(0, 12), value: r.gmvMinor }))} />
        <table>
          <thead><tr><th>{by}</th><th>Orders</th><th>Units</th><th>GMV</th><th>Share</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.key ?? 'none'} data-testid="breakdown-row"><td>{r.label ?? r.key ?? '—'}</td><td>{r.orders}</td><td>{r.units}</td><td>{money(r.gmvMinor, currency)}</td><td>{pct(r.share)}</td></tr>)}</tbody>
        </table>
        <button type="button" onClick={() => downloadCsv(`/v1/insights/breakdown?${query}&by=${by}&format=csv`, `breakdown-${by}`)}>Download CSV</button>
      </section>

      {funnel && (
        <section className="card" aria-label="Conversion funnel">
          <h3>Conversion</h3>
          <Bars label="Shoppers at each step" rows={[{ name: 'viewed', value: funnel.viewers }, { name: 'added', value: funnel.cartAdders }, { name: 'bought', value: funnel.buyers }]} />
          <p>View → cart {pct(funnel.viewToCart)} · cart → order {pct(funnel.cartToOrder)} · view → order {pct(funnel.viewToOrder)}</p>
        </section>
      )}

      <section className="card" aria-label="Cohorts">
        <h3>Cohorts by first purchase (retention by month)</h3>
        <table>
          <thead><tr><th>Cohort</th><th>Customers</th>{(cohorts[0]?.retention ?? []).map((_, k) => <th key={k}>M{k}</th>)}</tr></thead>
          <tbody>{cohorts.map((c) => <tr key={c.cohort}><td>{c.cohort}</td><td>{c.customers}</td>{c.retention.map((r, k) => <td key={k}>{pct(r)}</td>)}</tr>)}</tbody>
        </table>
        <button type="button" onClick={() => downloadCsv(`/v1/insights/cohorts?${query}&format=csv`, 'cohorts')}>Download CSV</button>
      </section>
    </>
  );
}
