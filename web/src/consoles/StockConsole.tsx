import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../http';

interface Me { role: string; locationId: string | null; merchantId: string | null }
interface Location {
  id: string; code: string; name: string; kind: string; city: string; timeZone: string; activeFrom: string | null; activeTo: string | null;
  shipsOrders: boolean; localDelivery: boolean; deliveryRadiusM: number; offersPickup: boolean; pickupSlotCapacity: number; acceptsReturns: boolean; archivedAt: string | null;
}
interface StockRow { skuId: string; skuCode: string; locationId: string; onHand: number; reserved: number; available: number }
interface Movement { id: number; skuId: string; kind: string; quantity: number; onHandAfter: number; reason: string; createdAt: string }

const label = (s: string) => s.replaceAll('_', ' ');
const services = (l: Location) => [
  l.shipsOrders && 'ships',
  l.localDelivery && `delivers ≤ ${(l.deliveryRadiusM / 1000).toFixed(1)} km`,
  l.offersPickup && `pickup (${l.pickupSlotCapacity}/slot)`,
  l.acceptsReturns && 'returns',
].filter(Boolean).join(' · ');

/**
 * Stock at a location: an associate sees their own store (and records receipts, counts,
 * adjustments, damage); an operator sees every location, live or not, and picks one.
 */
export function StockConsole() {
  const [me, setMe] = useState<Me | null>(null);
  const [locations, setLocations] = useState<Location[]>([]);
  const [locationId, setLocationId] = useState('');
  const [stock, setStock] = useState<StockRow[]>([]);
  const [journal, setJournal] = useState<Movement[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [form, setForm] = useState({ skuId: '', kind: 'receipt', quantity: '1', reason: '' });

  useEffect(() => {
    api<Me>('/v1/me').then((m) => {
      setMe(m);
      if (m.locationId) setLocationId(m.locationId);
      api<{ items: Location[] }>(`/v1/locations${m.role === 'operator' ? '?include_inactive=true' : ''}`).then((r) => {
        setLocations(r.items);
        if (!m.locationId && r.items[0]) setLocationId(r.items[0].id);
      });
    });
  }, []);

  const load = useCallback(() => {
    if (!locationId) return;
    api<{ items: StockRow[] }>(`/v1/locations/${locationId}/stock`).then((r) => setStock(r.items), (e) => setMessage(e instanceof ApiError ? e.message : 'Could not load stock'));
    api<{ items: Movement[] }>(`/v1/locations/${locationId}/stock/movements?limit=20`).then((r) => setJournal(r.items), () => setJournal([]));
  }, [locationId]);
  useEffect(load, [load]);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const movement = await api<Movement>(`/v1/locations/${locationId}/stock/movements`, {
        method: 'POST', body: { skuId: form.skuId, kind: form.kind, quantity: Number(form.quantity), reason: form.reason },
      });
      setMessage(`Recorded ${label(movement.kind)} ${movement.quantity > 0 ? '+' : ''}${movement.quantity}: on hand now ${movement.onHandAfter}`);
      load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'The server could not be reached');
    }
  };

  const current = locations.find((l) => l.id === locationId);
  const skuCode = (skuId: string) => stock.find((s) => s.skuId === skuId)?.skuCode ?? skuId.slice(0, 8);

  return (
    <>
      {me?.role === 'operator' && (
        <section className="card" aria-label="Locations">
          <h2>Locations</h2>
          <table>
            <thead><tr><th>Code</th><th>Name</th><th>Kind</th><th>City</th><th>Services</th><th>Window</th><th></th></tr></thead>
            <tbody>
              {locations.map((l) => (
                <tr key={l.id} className={l.id === locationId ? 'selected' : ''}>
                  <td>{l.code}</td><td>{l.name}</td><td>{label(l.kind)}</td><td>{l.city}</td><td>{services(l)}</td>
                  <td>{l.activeFrom ? `${l.activeFrom.slice(0, 10)} → ${l.activeTo?.slice(0, 10)}` : l.archivedAt ? 'closed' : 'permanent'}</td>
                  <td><button onClick={() => setLocationId(l.id)} aria-label={`Stock at ${l.code}`}>Stock</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card" aria-label="Stock">
        <h2 data-testid="stock-title">Stock at {current?.name ?? '…'}</h2>
        {me?.role === 'merchant' && (
          <label>Location
            <select name="location" value={locationId} onChange={(e) => setLocationId(e.target.value)}>
              {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </label>
        )}
        {current && <p className="hint">{label(current.kind)} · {current.timeZone} · {services(current)}</p>}
        <table>
          <thead><tr><th>SKU</th><th>On hand</th><th>Reserved</th><th>Available</th></tr></thead>
          <tbody>
            {stock.map((s) => (
              <tr key={s.skuId} data-testid="stock-row"><td>{s.skuCode}</td><td>{s.onHand}</td><td>{s.reserved}</td><td>{s.available}</td></tr>
            ))}
            {stock.length === 0 && <tr><td colSpan={4} className="hint">No stock recorded here yet.</td></tr>}
          </tbody>
        </table>
      </section>
      {me && me.role !== 'merchant' && stock.length > 0 && (
        <form className="card" onSubmit={record} aria-label="Record a stock movement">
          <h2>Record a movement</h2>
          <label>SKU
            <select name="sku" value={form.skuId} onChange={(e) => setForm({ ...form, skuId: e.target.value })} required>
              <option value="">Choose…</option>
              {stock.map((s) => <option key={s.skuId} value={s.skuId}>{s.skuCode}</option>)}
            </select>
          </label>
          <label>Kind
            <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="receipt">receipt (+)</option>
              <option value="adjustment">adjustment (±)</option>
              <option value="count">count (counted total)</option>
              <option value="damage">damage (−)</option>
            </select>
          </label>
          <label>Quantity <input name="quantity" type="number" value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} required /></label>
          <label>Reason <input name="reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required /></label>
          <button type="submit">Record</button>
        </form>
      )}
      {message && <p role="status" className="card">{message}</p>}
      <section className="card" aria-label="Journal">
        <h2>Journal</h2>
        <table>
          <thead><tr><th>When</th><th>SKU</th><th>Kind</th><th>Change</th><th>On hand after</th><th>Reason</th></tr></thead>
          <tbody>
            {journal.map((m) => (
              <tr key={m.id}><td>{new Date(m.createdAt).toLocaleString()}</td><td>{skuCode(m.skuId)}</td><td>{m.kind}</td><td>{m.quantity > 0 ? `+${m.quantity}` : m.quantity}</td><td>{m.onHandAfter}</td><td>{m.reason}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
