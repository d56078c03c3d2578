import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Button, Textarea } from '@mantine/core';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDate, formatDateTime, formatMoney, formatTime } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';
import { QrCode } from './QrCode';
import { useProductTitles } from './useProductTitles';

const CANCELLABLE_FULFILMENT = ['pending'];

export function OrderPage() {
  const t = useT();
  const { locale } = useLocale();
  const { orderId } = useParams({ from: '/orders/$orderId' });
  const order = useQuery({ queryKey: ['order', orderId], queryFn: () => unwrap(api.GET('/v1/orders/{orderId}', { params: { path: { orderId } } })) });
  const history = useQuery({ queryKey: ['order-history', orderId], queryFn: () => unwrap(api.GET('/v1/orders/{orderId}/history', { params: { path: { orderId } } })) });
  const locations = useQuery({ queryKey: ['locations'], queryFn: () => unwrap(api.GET('/v1/locations')), staleTime: 10 * 60_000 });
  const titles = useProductTitles(order.data?.lines.map((l) => l.productId) ?? []);
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (order.error) return <div className="page narrow"><ProblemNote error={order.error} /></div>;
  if (!order.data) return <div className="page" aria-busy="true">{t('common.loading')}</div>;
  const o = order.data;
  const location = (id: string | null | undefined) => locations.data?.items.find((l) => l.id === id);
  const cancellable = (o.status === 'paid' || o.status === 'pending_payment') && o.fulfilments.every((f) => CANCELLABLE_FULFILMENT.includes(f.status));

  const cancel = async () => {
    setCancelling(true);
    setError(null);
    try {
      await unwrap(api.POST('/v1/orders/{orderId}/cancel', { params: { path: { orderId } }, body: { reason: reason.trim() || t('order.cancelDefault') } }));
      await Promise.all([order.refetch(), history.refetch()]);
    } catch (caught) {
      setError(caught);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <article className="page order" aria-labelledby="order-title">
      <p><Link to="/orders">← {t('orders.title')}</Link></p>
      <h1 id="order-title">{t('orders.number', { id: o.id.slice(0, 8).toUpperCase() })}</h1>
      <p className="muted">{formatDateTime(o.placedAt, locale)} · {t(`channel.${o.channel}`)} · <span className={`status status-${o.status}`}>{t(`orderStatus.${o.status}`)}</span></p>

      <section aria-labelledby="items-title" className="panel">
        <h2 id="items-title">{t('order.items')}</h2>
        <ul className="cartlines">
          {o.lines.map((line) => {
            const productId = line.productId;
            const title = (productId && titles[productId]?.title) || t('order.item', { sku: line.skuId.slice(0, 8) });
            return (
              <li key={line.id} className="cartline" data-testid="order-line">
                <div className="cartline-main">
                  <p className="cartline-title">{title}</p>
                  <p className="muted">{t('order.qtyEach', { quantity: line.quantity, price: formatMoney(line.unitPriceMinor, o.currency, locale) })}</p>
                  {line.returnedQuantity > 0 && <p className="muted">{t('order.returned', { count: line.returnedQuantity })}</p>}
                </div>
                <p className="cartline-amount">{formatMoney(line.amountMinor, o.currency, locale)}</p>
              </li>
            );
          })}
        </ul>
        <div className="totals">
          <p><span>{t('cart.subtotal')}</span> <span>{formatMoney(o.subtotalMinor, o.currency, locale)}</span></p>
          <p><span>{t('checkout.shipping')}</span> <span>{o.shippingMinor === 0 ? t('checkout.free') : formatMoney(o.shippingMinor, o.currency, locale)}</span></p>
          {o.refundedMinor > 0 && <p><span>{t('order.refunded')}</span> <span>−{formatMoney(o.refundedMinor, o.currency, locale)}</span></p>}
          <p className="grand"><span>{t('checkout.total')}</span> <strong data-testid="order-total">{formatMoney(o.totalMinor, o.currency, locale)}</strong></p>
        </div>
      </section>

      {o.fulfilments.map((f) => {
        const pickup = location(f.pickupLocationId);
        const source = location(f.sourceLocationId);
        const zone = (pickup ?? source)?.timeZone;
        return (
          <section key={f.id} aria-label={t(`kind.${f.kind}`)} className="panel fulfilment" data-testid="fulfilment" data-fulfilment={f.id}>
            <h2>{t(`kind.${f.kind}`)} · <span className={`status status-${f.status}`}>{t(`fulfilmentStatus.${f.status}`)}</span></h2>
            {pickup && <p>{t('order.collectAt', { place: pickup.name, address: `${pickup.address}, ${pickup.city}` })}{pickup.partnerName ? ` (${pickup.partnerName})` : ''}</p>}
            {!pickup && source && <p>{t('order.sentFrom', { place: source.name })}</p>}
            {f.destination && !pickup && <p>{t('order.deliverTo', { address: [f.destination.address, f.destination.city].filter(Boolean).join(', ') || `${f.destination.latitude.toFixed(3)}, ${f.destination.longitude.toFixed(3)}` })}</p>}
            {f.slotStart && f.slotEnd && <p><strong>{t('order.when', { date: formatDate(f.slotStart, locale, zone), from: formatTime(f.slotStart, locale, zone), to: formatTime(f.slotEnd, locale, zone) })}</strong></p>}
            {f.collectBy && <p>{t('order.collectBy', { date: formatDateTime(f.collectBy, locale, zone) })}</p>}
            {f.pickupCode && f.pickupQr && !['picked_up', 'cancelled'].includes(f.status) && (
              <div className="pickupcode">
                <p>{t('order.pickupCode')} <strong className="code" data-testid="pickup-code">{f.pickupCode}</strong></p>
                <QrCode payload={f.pickupQr} label={t('order.pickupQr')} />
              </div>
            )}
          </section>
        );
      })}

      <section aria-labelledby="timeline-title" className="panel">
        <h2 id="timeline-title">{t('order.timeline')}</h2>
        <ol className="timeline">
          {history.data?.items.map((h) => (
            <li key={h.id}>
              <time dateTime={String(h.at)}>{formatDateTime(h.at, locale)}</time> — {h.toStatus ? t(`${h.fulfilmentId ? 'fulfilmentStatus' : 'orderStatus'}.${h.toStatus}`) : h.action.replace(/^order\./, '').replaceAll('_', ' ')}
            </li>
          ))}
        </ol>
      </section>

      {cancellable && (
        <section aria-labelledby="cancel-title" className="panel">
          <h2 id="cancel-title">{t('order.cancelTitle')}</h2>
          <Textarea label={t('order.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
          <Button variant="default" onClick={cancel} loading={cancelling}>{t('order.cancel')}</Button>
        </section>
      )}
      {o.paidAt && o.status !== 'cancelled' && <p className="muted">{t('order.returnHint')}</p>}
      <ProblemNote error={error} />
    </article>
  );
}
