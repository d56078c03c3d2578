import { useEffect, useState } from 'react';
import { api, ApiError } from '../http';

interface Me { merchantId: string | null; role: string }
interface Application {
  id: string; status: string; submittedAt: string | null; deadlineAt: string | null; lastReason: string | null; stageTimes: Record<string, string>;
  deadline: { daysLeft: number | null; atRisk: boolean; overdue: boolean; lateSteps: Array<{ stage: string; dueAt: string }> };
}
interface Programme { id: string; startsAt: string; endsAt: string; targetMinor: number; targetCurrency: string }
interface Progress { gmvMinor: number; targetMinor: number; targetCurrency: string; projectedMinor: number; progressBps: number; status: string; elapsedDays: number }
interface ProductRow { id: string; productCode: string; title: string | null; status: string; takedown: string | null; listed: boolean; skuCount: number }

const STAGES = ['submitted', 'in_review', 'approved', 'storefront_configured', 'live'];
const label = (s: string) => s.replaceAll('_', ' ');
const money = (minor: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);

/** The merchant's own view: onboarding with days left, launch programme progress, catalogue. */
export function MerchantConsole() {
  const [merchantId, setMerchantId] = useState<string | null>(null);
  const [applications, setApplications] = useState<Application[]>([]);
  const [progress, setProgress] = useState<Array<Programme & { progress: Progress }>>([]);
  const [products, setProducts] = useState<ProductRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<Me>('/v1/me').then(async (me) => {
      if (!me.merchantId) return;
      setMerchantId(me.merchantId);
      try {
        setApplications((await api<{ items: Application[] }>('/v1/onboarding-applications')).items);
        const programmes = (await api<{ items: Programme[] }>(`/v1/merchants/${me.merchantId}/launch-programmes`)).items;
        setProgress(await Promise.all(programmes.map(async (p) => ({ ...p, progress: await api<Progress>(`/v1/launch-programmes/${p.id}`) }))));
        setProducts((await api<{ items: ProductRow[] }>(`/v1/merchants/${me.merchantId}/products`)).items);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : 'Could not load the merchant console');
      }
    });
  }, []);

  if (!merchantId) return <section className="card"><p>Sign in as merchant staff to see your console.</p></section>;
  return (
    <>
      {error && <p role="alert" className="error">{error}</p>}
      <section className="card" aria-label="Onboarding">
        <h2>Onboarding</h2>
        {applications.length === 0 && <p>No application yet.</p>}
        {applications.map((a) => (
          <div key={a.id} data-testid="application">
            <p>
              Status: <strong>{label(a.status)}</strong>
              {a.deadline.daysLeft !== null && a.status !== 'live' && <> · <strong data-testid="days-left">{a.deadline.daysLeft} days left</strong> of 30</>}
              {a.deadline.atRisk && <span className="error"> · at risk</span>}
            </p>
            {a.lastReason && <p>Last note from review: {a.lastReason}</p>}
            <ol>
              {STAGES.map((s) => {
                const late = a.deadline.lateSteps.find((l) => l.stage === s);
                return <li key={s}>{label(s)}: {a.stageTimes[s] ? new Date(a.stageTimes[s]).toLocaleString() : late ? <span className="error">late (due {new Date(late.dueAt).toLocaleDateString()})</span> : 'pending'}</li>;
              })}
            </ol>
          </div>
        ))}
      </section>
      <section className="card" aria-label="Launch programme">
        <h2>Launch programme</h2>
        {progress.map((p) => (
          <p key={p.id} data-testid="programme">
            Day {p.progress.elapsedDays} of 90: {money(p.progress.gmvMinor, p.targetCurrency)} of {money(p.targetMinor, p.targetCurrency)} ({(p.progress.progressBps / 100).toFixed(1)} %),
            projected {money(p.progress.projectedMinor, p.targetCurrency)} · <strong>{label(p.progress.status)}</strong>
          </p>
        ))}
      </section>
      <section className="card" aria-label="Catalogue">
        <h2>Catalogue</h2>
        <table>
          <thead><tr><th>Code</th><th>Title</th><th>Status</th><th>SKUs</th><th>Visible</th></tr></thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.id}><td>{p.productCode}</td><td>{p.title}</td><td>{p.takedown ? `${p.status} (${p.takedown})` : p.status}</td><td>{p.skuCount}</td><td>{p.listed ? 'yes' : 'no'}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
