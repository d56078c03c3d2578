import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { api } from '../api';

interface Order { id: string; channel: string; status: string; paymentStatus: string; currency: string; totalMinor: number; placedAt: string }
interface Detail extends Order {
  lines: Array<{ id: string; skuId: string; quantity: number; amountMinor: number; refundedMinor: number }>;
  fulfilments: Array<{ id: string; kind: string; status: string; slotStart: string | null; pickupCode: string | null; pickupQr: string | null }>;
}

const money = (minor: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
const label = (s: string) => s.replaceAll('_', ' ');

function PickupQr({ payload }: { payload: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => { QRCode.toDataURL(payload, { margin: 1, width: 160 }).then(setSrc, () => setSrc(null)); }, [payload]);
  return src ? <img src={src} alt="Pickup QR code" width={160} height={160} /> : null;
}

/** Every order of the shopper, from the app, the web and the till, on one profile. */
export function OrdersPage() {
  const [orders, setOrders] = useState<Order[]>([]);
  const [open, setOpen] = useState<Detail | null>(null);
  useEffect(() => { api<{ items: Order[] }>('/v1/orders?limit=50').then((r) => setOrders(r.items), () => setOrders([])); }, []);
  const show = async (id: string) => setOpen(await api<Detail>(`/v1/orders/${id}`));

  return (
    <section className="card" aria-label="My orders">
      <h2>My orders</h2>
      <table>
        <thead><tr><th>Placed</th><th>Channel</th><th>Status</th><th>Total</th><th></th></tr></thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} data-testid="order-row">
              <td>{new Date(o.placedAt).toLocaleString()}</td><td>{o.channel === 'pos' ? 'in store' : o.channel}</td>
              <td>{label(o.status)}{o.paymentStatus !== 'paid' && o.paymentStatus !== 'unpaid' ? ` · ${label(o.paymentStatus)}` : ''}</td>
              <td>{money(o.totalMinor, o.currency)}</td>
              <td><button onClick={() => show(o.id)}>Details</button></td>
            </tr>
          ))}
          {orders.length === 0 && <tr><td colSpan={5}>No orders yet.</td></tr>}
        </tbody>
      </table>
      {open && (
        <div aria-label="Order details">
          <h3>Order {open.id.slice(0, 8)}</h3>
          {open.fulfilments.map((f) => (
            <div key={f.id} className="option">
              <strong>{label(f.kind)}</strong> · {label(f.status)}{f.slotStart ? ` · ${new Date(f.slotStart).toLocaleString()}` : ''}
              {f.pickupCode && <p>Pickup code <strong data-testid="pickup-code">{f.pickupCode}</strong></p>}
              {f.pickupQr && <PickupQr payload={f.pickupQr} />}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
