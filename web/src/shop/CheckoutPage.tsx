import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { api, ApiProblem, unwrap } from '../api/client';
import type { operations } from '../api/schema';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDate, formatDistance, formatMoney, formatTime, localDate } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';
import { forgetCart, useCart, cartHeaders, currentCartRef } from './cart';
import { PlacePicker } from './PlacePicker';
import { usePlace } from './place';
import { IntentStatus, TopUpForm, followIntent, type Intent } from './payments';

type Options = operations['getFulfilmentOptions']['responses'][200]['content']['application/json'];
type Option = Options['options'][number];
type Mode = 'delivery' | 'pickup';
type Provider = 'wallet' | 'card_sandbox' | 'alipay';
const PICKUP_KINDS = ['store_pickup', 'partner_pickup'];

export function CheckoutPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const client = useQueryClient();
  const cart = useCart();
  const place = usePlace();
  const [mode, setMode] = useState<Mode>('delivery');
  const [optionId, setOptionId] = useState<string | null>(null);
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [provider, setProvider] = useState<Provider>('wallet');
  const [error, setError] = useState<unknown>(null);
  const [placing, setPlacing] = useState(false);
  const [intent, setIntent] = useState<{ intent: Intent; orderId: string } | null>(null);

  const cartId = cart.data?.id;
  const currency = cart.data?.currency ?? 'EUR';
  const options = useQuery({
    queryKey: ['fulfilment-options', cartId, place?.latitude, place?.longitude, cart.data?.updatedAt],
    enabled: !!cartId && !!place && (cart.data?.lines.length ?? 0) > 0,
    queryFn: () => unwrap(api.GET('/v1/carts/{cartId}/fulfilment-options', { params: { path: { cartId: cartId! }, query: { lat: place!.latitude, lon: place!.longitude, country: place!.country } }, headers: cartHeaders(currentCartRef()) })),
  });
  const locations = useQuery({ queryKey: ['locations'], queryFn: () => unwrap(api.GET('/v1/locations')), staleTime: 10 * 60_000 });
  const wallets = useQuery({ queryKey: ['wallets'], queryFn: () => unwrap(api.GET('/v1/wallet')) });
  const zoneOf = (locationId: string | null | undefined) => locations.data?.items.find((l) => l.id === locationId)?.timeZone;
  const nameOf = (locationId: string | null | undefined) => locations.data?.items.find((l) => l.id === locationId)?.name;

  const shown = useMemo(() => (options.data?.options ?? []).filter((o) => (mode === 'pickup') === PICKUP_KINDS.includes(o.kind)), [options.data, mode]);
  const chosen: Option | undefined = shown.find((o) => o.id === optionId) ?? undefined;
  const slots = chosen && chosen.shipments.length === 1 ? chosen.shipments[0].slots : [];
  const slotZone = chosen ? zoneOf(chosen.shipments[0]?.pickupLocationId ?? chosen.shipments[0]?.sourceLocationId) : undefined;
  const days = [...new Set(slots.map((s) => localDate(s.start, slotZone)))];

  // A new list of options or mode: pick the first one, and its first slot.
  useEffect(() => { if (!chosen && shown.length > 0) setOptionId(shown[0].id); }, [shown, chosen]);
  useEffect(() => {
    setSlotStart(slots[0]?.start ?? null);
    setDay(slots[0] ? localDate(slots[0].start, slotZone) : null);
  }, [optionId, options.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const wallet = wallets.data?.wallets.find((w) => w.currency === currency);
  const total = (cart.data?.subtotalMinor ?? 0) + (chosen?.feeMinor ?? 0);
  const short = provider === 'wallet' && (wallet?.balanceMinor ?? 0) < total;

  const place_order = async () => {
    if (!cartId || !chosen || !place) return;
    setPlacing(true);
    setError(null);
    try {
      const result = await unwrap(api.POST('/v1/carts/{cartId}/checkout', {
        params: { path: { cartId } },
        headers: { 'idempotency-key': `${cartId}:${chosen.id}:${slotStart ?? ''}:${provider}` },
        body: {
          optionId: chosen.id, ...(slotStart ? { slotStart } : {}), payment: { provider },
          destination: { latitude: place.latitude, longitude: place.longitude, country: place.country, ...(place.address ? { address: place.address } : {}), ...(place.city ? { city: place.city } : {}) },
        },
      }));
      // The cart became an order: the next visit to the cart opens a new one.
      forgetCart();
      if (result.status === 'paid') {
        await navigate({ to: '/orders/$orderId', params: { orderId: result.orderId } });
        void client.invalidateQueries({ queryKey: ['cart'] });
        return;
      }
      void client.invalidateQueries({ queryKey: ['cart'] });
      if (result.nextAction?.type === 'alipay_request' && result.nextAction.gateway) {
        redirectToGateway(result.nextAction.gateway, result.nextAction.params ?? {});
        return;
      }
      const followed = await followIntent(result.paymentIntentId, (i) => setIntent({ intent: i, orderId: result.orderId }));
      if (followed.status === 'captured') await navigate({ to: '/orders/$orderId', params: { orderId: result.orderId } });
    } catch (caught) {
      setError(caught);
      // The slot may have just filled: show fresh slots.
      if (caught instanceof ApiProblem && caught.code === 'orders.option_unavailable') void options.refetch();
    } finally {
      setPlacing(false);
    }
  };

  if (cart.isPending) return <div className="page" aria-busy="true">{t('common.loading')}</div>;
  if (!cart.data || cart.data.lines.length === 0) return <div className="page"><h1>{t('checkout.title')}</h1><p>{t('cart.empty')} <Link to="/search">{t('home.browse')}</Link></p></div>;

  return (
    <div className="page checkout">
      <h1>{t('checkout.title')}</h1>
      <section aria-labelledby="how-title" className="panel">
        <h2 id="how-title">{t('checkout.how')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('checkout.how')}>
          {(['delivery', 'pickup'] as const).map((m) => (
            <label key={m} className={mode === m ? 'seg on' : 'seg'}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => { setMode(m); setOptionId(null); }} />
              {t(`checkout.mode.${m}`)}
            </label>
          ))}
        </div>
        <p className="muted">{mode === 'pickup' ? t('checkout.pickupNear') : t('checkout.deliverTo')}</p>
        <PlacePicker />
      </section>

      {place && (
        <section aria-labelledby="options-title" className="panel">
          <h2 id="options-title">{mode === 'pickup' ? t('checkout.pickupWhere') : t('checkout.deliveryOptions')}</h2>
          {options.isPending && <p aria-busy="true">{t('common.loading')}</p>}
          <ProblemNote error={options.error} />
          {options.data && shown.length === 0 && <p>{t('checkout.noOptions')}</p>}
          <fieldset className="options">
            <legend className="sr-only">{t('checkout.deliveryOptions')}</legend>
            {shown.map((o) => (
              <label key={o.id} className={o.id === optionId ? 'option on' : 'option'} data-testid="fulfilment-option">
                <input type="radio" name="option" value={o.id} checked={o.id === optionId} onChange={() => setOptionId(o.id)} />
                <span className="option-body">
                  <strong>{t(`kind.${o.kind}`)}</strong>
                  {o.shipments.map((s, i) => (
                    <span key={i} className="muted block">
                      {s.pickupLocationId ? t('checkout.collectAt', { place: nameOf(s.pickupLocationId) ?? s.sourceName }) : t('checkout.from', { place: s.sourceName })}
                      {s.distanceMetres !== null && ` · ${formatDistance(s.distanceMetres, locale)}`}
                      {s.estimatedDelivery && ` · ${t('checkout.arrives', { date: formatDate(s.estimatedDelivery, locale, 'UTC') })}`}
                    </span>
                  ))}
                </span>
                <span className="option-fee">{o.feeMinor === 0 ? t('checkout.free') : formatMoney(o.feeMinor, o.currency, locale)}</span>
              </label>
            ))}
          </fieldset>
          {options.data && options.data.notOffered.length > 0 && (
            <details className="muted">
              <summary>{t('checkout.notOffered')}</summary>
              <ul>{options.data.notOffered.map((n) => <li key={n.kind}>{t(`kind.${n.kind}`)}: {n.reason}</li>)}</ul>
            </details>
          )}
          {slots.length > 0 && (
            <fieldset className="slotpicker">
              <legend>{t('checkout.when')}</legend>
              <div className="chips" role="radiogroup" aria-label={t('checkout.day')}>
                {days.map((d) => (
                  <label key={d} className={d === day ? 'chip on' : 'chip'}>
                    <input type="radio" name="day" value={d} checked={d === day} onChange={() => { setDay(d); setSlotStart(slots.find((s) => localDate(s.start, slotZone) === d)?.start ?? null); }} />
                    {formatDate(`${d}T12:00:00Z`, locale, 'UTC')}
                  </label>
                ))}
              </div>
              <div className="chips" role="radiogroup" aria-label={t('checkout.slot')}>
                {slots.filter((s) => localDate(s.start, slotZone) === day).map((s) => (
                  <label key={s.start} className={s.start === slotStart ? 'chip on' : 'chip'}>
                    <input type="radio" name="slot" value={s.start} checked={s.start === slotStart} onChange={() => setSlotStart(s.start)} />
                    {formatTime(s.start, locale, slotZone)}–{formatTime(s.end, locale, slotZone)}
                  </label>
                ))}
              </div>
              {slotZone && <p className="muted">{t('checkout.localTime', { zone: slotZone })}</p>}
            </fieldset>
          )}
        </section>
      )}

      <section aria-labelledby="pay-title" className="panel">
        <h2 id="pay-title">{t('checkout.payment')}</h2>
        <fieldset className="options">
          <legend className="sr-only">{t('checkout.payment')}</legend>
          {(['wallet', 'card_sandbox', 'alipay'] as const).map((p) => (
            <label key={p} className={p === provider ? 'option on' : 'option'}>
              <input type="radio" name="provider" value={p} checked={p === provider} onChange={() => setProvider(p)} />
              <span className="option-body">
                <strong>{t(`pay.${p}`)}</strong>
                {p === 'wallet' && <span className="muted block">{t('checkout.balance', { amount: formatMoney(wallet?.balanceMinor ?? 0, currency, locale, wallet?.exponent) })}</span>}
              </span>
            </label>
          ))}
        </fieldset>
        {short && (
          <div className="notice" role="status">
            <p>{t('checkout.short', { balance: formatMoney(wallet?.balanceMinor ?? 0, currency, locale, wallet?.exponent), total: formatMoney(total, currency, locale), missing: formatMoney(total - (wallet?.balanceMinor ?? 0), currency, locale) })}</p>
            <TopUpForm key={total - (wallet?.balanceMinor ?? 0)} currency={currency} suggestedMinor={total - (wallet?.balanceMinor ?? 0)} onToppedUp={() => void wallets.refetch()} />
          </div>
        )}
      </section>

      <section aria-labelledby="sum-title" className="panel totals">
        <h2 id="sum-title">{t('checkout.summary')}</h2>
        <p><span>{t('cart.subtotal')}</span> <span>{formatMoney(cart.data.subtotalMinor, currency, locale)}</span></p>
        <p><span>{t('checkout.shipping')}</span> <span>{chosen ? (chosen.feeMinor === 0 ? t('checkout.free') : formatMoney(chosen.feeMinor, currency, locale)) : '—'}</span></p>
        <p className="grand"><span>{t('checkout.total')}</span> <strong data-testid="checkout-total">{formatMoney(total, currency, locale)}</strong></p>
        <Button onClick={place_order} loading={placing} disabled={!chosen || !place || short || (slots.length > 0 && !slotStart)}>{t('checkout.place')}</Button>
        <ProblemNote error={error} />
        {intent && <IntentStatus intent={intent.intent} onSettled={(final) => { setIntent({ ...intent, intent: final }); if (final.status === 'captured') void navigate({ to: '/orders/$orderId', params: { orderId: intent.orderId } }); }} />}
      </section>
    </div>
  );
}

/** Alipay-style redirect: the browser posts the signed request to the provider's gateway. */
function redirectToGateway(gateway: string, params: Record<string, string>) {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = gateway;
  for (const [name, value] of Object.entries(params)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}
