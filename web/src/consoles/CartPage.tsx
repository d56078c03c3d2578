import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, session } from '../api';
import { cartHeaders, currentCart, forgetCart, type CartRef } from '../cart';

interface Line { skuId: string; skuCode: string | null; quantity: number; unitPriceMinor: number | null; amountMinor: number | null; problem: { detail: string } | null }
interface Cart { id: string; currency: string; lines: Line[]; subtotalMinor: number; checkoutReady: boolean }
interface Slot { start: string; end: string; remaining: number }
interface Shipment { kind: string; sourceName: string; distanceMetres: number | null; feeMinor: number; earliestSlot: Slot | null; slots: Slot[]; estimatedDelivery: string | null }
interface Option { id: string; kind: string; feeMinor: number; currency: string; shipments: Shipment[] }
interface Options { options: Option[]; notOffered: Array<{ kind: string; reason: string }> }

const PLACES = [
  { name: 'Madrid · Gran Vía', lat: 40.4203, lon: -3.7058, country: 'ES' },
  { name: 'Madrid · Castellana', lat: 40.4465, lon: -3.6915, country: 'ES' },
  { name: 'Milano · Duomo', lat: 45.4655, lon: 9.1900, country: 'IT' },
  { name: '上海 · 人民广场', lat: 31.2317, lon: 121.4726, country: 'CN' },
];

const money = (minor: number | null, currency: string) => (minor === null ? '—' : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100));
const label = (s: string) => s.replaceAll('_', ' ');
const time = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The shopper's cart: lines priced for them, delivery options for an address, wallet checkout. */
export function CartPage() {
  const [ref, setRef] = useState<CartRef | null>(null);
  const [cart, setCart] = useState<Cart | null>(null);
  const [place, setPlace] = useState(PLACES[0]);
  const [options, setOptions] = useState<Options | null>(null);
  const [choice, setChoice] = useState<{ optionId: string; slotStart?: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    let current = await currentCart();
    if (current.guestToken && session.token()) {
      // Signed in with a guest cart in this browser: its lines move into the account's cart.
      const merged = await api<{ cartId: string }>(`/v1/carts/${current.cartId}/merge`, { method: 'POST', body: { guestToken: current.guestToken } });
      forgetCart();
      current = { cartId: merged.cartId };
    }
    setRef(current);
    setCart(await api<Cart>(`/v1/carts/${current.cartId}`, { headers: cartHeaders(current) }));
  }, []);
  useEffect(() => { load().catch((e) => setMessage(e.message)); }, [load]);

  const setQuantity = async (skuId: string, quantity: number) => {
    if (!ref) return;
    try {
      await api(`/v1/carts/${ref.cartId}/lines/${skuId}`, { method: 'PUT', body: { quantity }, headers: cartHeaders(ref) });
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  const findOptions = async () => {
    if (!ref) return;
    setMessage(null);
    setChoice(null);
    try {
      setOptions(await api<Options>(`/v1/carts/${ref.cartId}/fulfilment-options?lat=${place.lat}&lon=${place.lon}&country=${place.country}`, { headers: cartHeaders(ref) }));
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  const pay = async () => {
    if (!ref || !choice) return;
    try {
      const result = await api<{ orderId: string; status: string; totalMinor: number; currency: string }>(`/v1/carts/${ref.cartId}/checkout`, {
        method: 'POST', headers: { 'idempotency-key': `${ref.cartId}:${choice.optionId}:${choice.slotStart ?? ''}` },
        body: { optionId: choice.optionId, ...(choice.slotStart ? { slotStart: choice.slotStart } : {}), destination: { latitude: place.lat, longitude: place.lon, country: place.country, address: place.name }, payment: { provider: 'wallet' } },
      });
      setMessage(`Order placed: ${money(result.totalMinor, result.currency)} paid from your wallet (${label(result.status)})`);
      forgetCart();
      setOptions(null);
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Failed');
    }
  };

  if (!cart) return <section className="card"><h2>Cart</h2>{message && <p role="alert">{message}</p>}</section>;
  return (
    <section className="card" aria-label="Cart">
      <h2>Cart</h2>
      {message && <p role="status">{message}</p>}
      <table>
        <thead><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th><th></th></tr></thead>
        <tbody>
          {cart.lines.map((l) => (
            <tr key={l.skuId} data-testid="cart-line">
              <td>{l.skuCode ?? l.skuId.slice(0, 8)}{l.problem && <div className="error">{l.problem.detail}</div>}</td>
              <td><input aria-label={`Quantity of ${l.skuCode}`} type="number" min={0} max={999} value={l.quantity} onChange={(e) => setQuantity(l.skuId, Number(e.target.value))} style={{ width: '4rem' }} /></td>
              <td>{money(l.unitPriceMinor, cart.currency)}</td>
              <td>{money(l.amountMinor, cart.currency)}</td>
              <td><button onClick={() => setQuantity(l.skuId, 0)}>Remove</button></td>
            </tr>
          ))}
          {cart.lines.length === 0 && <tr><td colSpan={5}>Your cart is empty: add something from the Shop.</td></tr>}
        </tbody>
      </table>
      <p>Subtotal <strong data-testid="subtotal">{money(cart.subtotalMinor, cart.currency)}</strong></p>
      {cart.lines.length > 0 && (
        <>
          <h3>Where to?</h3>
          <label>Address <select aria-label="Address" value={place.name} onChange={(e) => setPlace(PLACES.find((p) => p.name === e.target.value)!)}>
            {PLACES.map((p) => <option key={p.name}>{p.name}</option>)}
          </select></label>
          <button onClick={findOptions}>See delivery options</button>
        </>
      )}
      {options && (
        <div aria-label="Delivery options">
          {options.options.map((o) => {
            const s = o.shipments[0];
            const slots = o.shipments.length === 1 ? s.slots : [];
            return (
              <div key={o.id} className="option">
                <label>
                  <input type="radio" name="option" checked={choice?.optionId === o.id} onChange={() => setChoice({ optionId: o.id, slotStart: slots[0]?.start })} />
                  <strong>{label(o.kind)}</strong> · {o.feeMinor === 0 ? 'free' : money(o.feeMinor, o.currency)} · {o.shipments.map((x) => `${x.sourceName}${x.distanceMetres !== null ? ` (${(x.distanceMetres / 1000).toFixed(1)} km)` : ''}`).join(' + ')}
                  {s.earliestSlot ? ` · from ${time(s.earliestSlot.start)}` : s.estimatedDelivery ? ` · by ${s.estimatedDelivery.slice(0, 10)}` : ''}
                </label>
                {choice?.optionId === o.id && slots.length > 0 && (
                  <select aria-label="Slot" value={choice.slotStart} onChange={(e) => setChoice({ optionId: o.id, slotStart: e.target.value })}>
                    {slots.map((slot) => <option key={slot.start} value={slot.start}>{time(slot.start)}–{new Date(slot.end).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} ({slot.remaining} left)</option>)}
                  </select>
                )}
              </div>
            );
          })}
          {options.notOffered.length > 0 && <ul className="hint">{options.notOffered.map((n) => <li key={n.kind}>{label(n.kind)}: {n.reason}</li>)}</ul>}
          <button disabled={!choice || !cart.checkoutReady || !session.token()} onClick={pay}>Pay with wallet</button>
          {!session.token() && <p className="hint">Sign in to pay: your cart comes with you.</p>}
        </div>
      )}
    </section>
  );
}
