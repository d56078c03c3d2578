import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../http';

interface Application {
  id: string; merchantId: string; status: string; company: Record<string, string>; submittedAt: string | null;
  deadline: { daysLeft: number | null; atRisk: boolean; overdue: boolean; lateSteps: Array<{ stage: string }> };
}
interface Complaint { id: string; productId: string; status: string; reason: string; counterNotice: string | null; counterNoticeDueAt: string }

/** What an operator may do next from each state (the server has the final word). */
const NEXT: Record<string, string[]> = { submitted: ['start_review'], in_review: ['approve', 'request_changes', 'reject'], storefront_configured: ['go_live'] };
const NEEDS_REASON = new Set(['request_changes', 'reject']);
const label = (s: string) => s.replaceAll('_', ' ');

/** The operator's review queue: applications by deadline (at-risk first on demand) and open IP complaints. */
export function ReviewQueue() {
  const [atRiskOnly, setAtRiskOnly] = useState(false);
  const [applications, setApplications] = useState<Application[]>([]);
  const [complaints, setComplaints] = useState<Complaint[]>([]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    api<{ items: Application[] }>(`/v1/onboarding-applications${atRiskOnly ? '?atRisk=true' : ''}`).then((r) => setApplications(r.items.filter((a) => a.status !== 'draft')));
    api<{ items: Complaint[] }>('/v1/ip-complaints?open=true').then((r) => setComplaints(r.items));
  }, [atRiskOnly]);
  useEffect(load, [load]);

  const act = async (url: string, body: Record<string, unknown>) => {
    setMessage(null);
    try {
      await api(url, { method: 'POST', body });
      setMessage(`Done: ${label(String(body.action))}`);
      load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  return (
    <>
      <section className="card" aria-label="Review queue">
        <h2>Onboarding review queue</h2>
        <label><input type="checkbox" checked={atRiskOnly} onChange={(e) => setAtRiskOnly(e.target.checked)} /> At risk only</label>
        <label>Reason (for changes or rejection) <input aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
        {message && <p role="status">{message}</p>}
        <table>
          <thead><tr><th>Company</th><th>Status</th><th>Days left</th><th>Late steps</th><th /></tr></thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id} data-testid="queue-row" className={a.deadline.atRisk ? 'at-risk' : ''}>
                <td>{a.company.legalName ?? a.merchantId}</td>
                <td>{label(a.status)}</td>
                <td>{a.deadline.daysLeft ?? '—'}{a.deadline.atRisk ? ' ⚠' : ''}</td>
                <td>{a.deadline.lateSteps.map((s) => label(s.stage)).join(', ')}</td>
                <td>
                  {(NEXT[a.status] ?? []).map((action) => (
                    <button key={action} type="button" disabled={NEEDS_REASON.has(action) && !reason.trim()}
                      onClick={() => act(`/v1/onboarding-applications/${a.id}/transitions`, NEEDS_REASON.has(action) ? { action, reason } : { action })}>
                      {label(action)}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label="IP complaints">
        <h2>Open IP complaints</h2>
        <table>
          <tbody>
            {complaints.map((c) => (
              <tr key={c.id}>
                <td>{c.reason}</td><td>{label(c.status)}</td><td>{c.counterNotice ?? `counter-notice due ${new Date(c.counterNoticeDueAt).toLocaleDateString()}`}</td>
                <td>
                  <button type="button" disabled={!reason.trim()} onClick={() => act(`/v1/ip-complaints/${c.id}/transitions`, { action: 'reinstate', detail: reason })}>reinstate</button>
                  <button type="button" disabled={!reason.trim()} onClick={() => act(`/v1/ip-complaints/${c.id}/transitions`, { action: 'remove', detail: reason })}>remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
