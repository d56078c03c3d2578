import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../http';

interface Me { role: string; locationId: string | null }
interface Location { id: string; name: string; kind: string }
interface QueueEntry {
  fulfilment: { id: string; orderId: string; kind: string; status: string; slotStart: string | null; pickupLocationId: string | null; sourceLocationId: string };
  lines: Array<{ orderLineId: string; skuId: string; quantity: number; pickedQuantity: number | null }>;
}

/** The next steps an associate can take, by fulfilment kind and status (the server has the final word). */
const NEXT: Record<string, Record<string, string[]>> = {
  store_pickup: { pending: ['start_pick'], picking: ['pack'], packed: ['ready'] },
  express_delivery: { pending: ['start_pick'], picking: ['pack'], packed: ['dispatch'], out_for_delivery: ['deliver'] },
  store_to_home: { pending: ['start_pick'], picking: ['pack'], packed: ['dispatch'], out_for_delivery: ['deliver'] },
  standard_shipping: { pending: ['start_pick'], picking: ['pack'], packed: ['ship'], shipped: ['deliver'] },
  partner_pickup: { pending: ['start_pick'], picking: ['pack'], packed: ['send_to_partner'], in_transit_to_partner: ['receive_at_partner'] },
};

const label = (s: string) => s.replaceAll('_', ' ');

export function StoreConsole() {
  const [me, setMe] = useState<Me | null>(null);
  const [locations, setLocations] = useState<Location[]>([]);
  const [locationId, setLocationId] = useState<string>('');
  const [queue, setQueue] = useState<QueueEntry[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [parcel, setParcel] = useState('');

  useEffect(() => {
    api<Me>('/v1/me').then((m) => {
      setMe(m);
      if (m.locationId) setLocationId(m.locationId);
    });
    api<{ items: Location[] }>('/v1/locations').then((r) => setLocations(r.items));
  }, []);

  const load = useCallback(() => {
    if (!locationId) return;
    api<{ items: QueueEntry[] }>(`/v1/locations/${locationId}/fulfilments`).then((r) => setQueue(r.items), (e) => setMessage(e.message));
  }, [locationId]);
  useEffect(load, [load]);

  const step = async (fulfilmentId: string, event: string) => {
    setMessage(null);
    try {
      await api(`/v1/fulfilments/${fulfilmentId}/steps`, { method: 'POST', body: { event } });
      setMessage(`Done: ${label(event)}`);
      load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  const handOver = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await api(`/v1/locations/${locationId}/handovers`, { method: 'POST', body: { fulfilmentId: parcel, code } });
      setMessage('Handed over');
      setCode('');
      load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  const waiting = queue.filter((q) => (q.fulfilment.status === 'ready_for_pickup' || q.fulfilment.status === 'received_at_partner') && q.fulfilment.pickupLocationId === locationId);
  const here = locations.find((l) => l.id === locationId);

  return (
    <section className="card" aria-label="Store console">
      <h2>Store console {here ? `· ${here.name}` : ''}</h2>
      {me?.role === 'operator' && (
        <label>Location <select value={locationId} onChange={(e) => setLocationId(e.target.value)}>
          <option value="">Choose…</option>
          {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select></label>
      )}
      {message && <p role="status">{message}</p>}
      <h3>To do</h3>
      <table>
        <thead><tr><th>Slot</th><th>Kind</th><th>Status</th><th>Items</th><th></th></tr></thead>
        <tbody>
          {queue.map(({ fulfilment: f, lines }) => (
            <tr key={f.id} data-testid={`fulfilment-${f.id}`}>
              <td>{f.slotStart ? new Date(f.slotStart).toLocaleString() : '—'}</td>
              <td>{label(f.kind)}</td>
              <td>{label(f.status)}</td>
              <td>{lines.map((l) => `${l.quantity} × ${l.skuId.slice(0, 8)}`).join(', ')}</td>
              <td>{(NEXT[f.kind]?.[f.status] ?? []).filter(() => f.sourceLocationId === locationId || f.status === 'in_transit_to_partner').map((e) => (
                <button key={e} onClick={() => step(f.id, e)}>{label(e)}</button>
              ))}</td>
            </tr>
          ))}
          {queue.length === 0 && <tr><td colSpan={5}>Nothing to do.</td></tr>}
        </tbody>
      </table>
      <h3>Hand over</h3>
      <form onSubmit={handOver} aria-label="Hand over">
        <label>Parcel <select value={parcel} onChange={(e) => setParcel(e.target.value)} required>
          <option value="">Choose…</option>
          {waiting.map((q) => <option key={q.fulfilment.id} value={q.fulfilment.id}>{label(q.fulfilment.kind)} · order {q.fulfilment.orderId.slice(0, 8)}</option>)}
        </select></label>
        <label>Code from the shopper <input value={code} onChange={(e) => setCode(e.target.value)} pattern="[0-9]{6}" inputMode="numeric" required /></label>
        <button type="submit">Hand over</button>
      </form>
    </section>
  );
}
