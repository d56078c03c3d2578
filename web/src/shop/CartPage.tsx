import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatMoney } from '../lib/format';
import { ProblemNote, messageIdFor } from '../shell/ErrorView';
import { setLineQuantity, useCart, useInvalidateCart, addToCart } from './cart';
import { ProductImage } from './ProductImage';
import { QuantityStepper } from './QuantityStepper';
import { useProductTitles } from './useProductTitles';

export function CartPage() {
  const t = useT();
  const { locale } = useLocale();
  const cart = useCart();
  const invalidate = useInvalidateCart();
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<{ skuId: string; quantity: number; title: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const titles = useProductTitles(cart.data?.lines.map((l) => l.productId) ?? []);

  const change = async (skuId: string, quantity: number) => {
    setBusy(skuId);
    setError(null);
    try {
      await setLineQuantity(skuId, quantity);
      await invalidate();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const remove = async (skuId: string, quantity: number, title: string) => {
    await change(skuId, 0);
    setRemoved({ skuId, quantity, title });
  };
  const undo = async () => {
    if (!removed || !cart.data) return;
    setBusy(removed.skuId);
    try {
      await addToCart(removed.skuId, removed.quantity, cart.data.currency);
      await invalidate();
      setRemoved(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const data = cart.data;
  const lines = data?.lines ?? [];
  return (
    <div className="page">
      <h1>{t('cart.title')}</h1>
      <div aria-live="polite">
        {removed && (
          <p role="status" className="notice">
            {t('cart.removed', { title: removed.title })} <button type="button" className="linkish" onClick={undo}>{t('cart.undo')}</button>
          </p>
        )}
      </div>
      <ProblemNote error={error ?? cart.error} />
      {cart.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {!cart.isPending && lines.length === 0 && (
        <p>{t('cart.empty')} <Link to="/search">{t('home.browse')}</Link></p>
      )}
      {data && lines.length > 0 && (
        <>
          <ul className="cartlines" aria-label={t('cart.lines')}>
            {lines.map((line) => {
              const info = line.productId ? titles[line.productId] : undefined;
              const title = info?.title ?? line.skuCode ?? t('product.untitled');
              const attributes = info?.skus.find((s) => s.id === line.skuId)?.attributes;
              return (
                <li key={line.skuId} className="cartline" data-testid="cart-line">
                  <ProductImage url={info?.imageUrl} />
                  <div className="cartline-main">
                    <p className="cartline-title">
                      {line.productId ? <Link to="/products/$productId" params={{ productId: line.productId }}>{title}</Link> : title}
                    </p>
                    {attributes && <p className="muted">{Object.values(attributes).join(' · ')}</p>}
                    {line.unitPriceMinor !== null && <p className="muted">{t('cart.each', { price: formatMoney(line.unitPriceMinor, data.currency, locale) })}</p>}
                    {line.problem && <p className="lineproblem" role="note">{t(messageIdFor(422, line.problem.code))} {line.problem.detail}</p>}
                    <div className="cartline-actions">
                      <QuantityStepper value={line.quantity} onChange={(q) => change(line.skuId, q)} label={t('cart.quantityOf', { title })} disabled={busy === line.skuId} />
                      <button type="button" className="linkish danger" onClick={() => remove(line.skuId, line.quantity, title)} disabled={busy === line.skuId}>{t('cart.remove')}</button>
                    </div>
                  </div>
                  <p className="cartline-amount">{line.amountMinor === null ? '—' : formatMoney(line.amountMinor, data.currency, locale)}</p>
                </li>
              );
            })}
          </ul>
          <div className="totals">
            <p><span>{t('cart.subtotal')}</span> <strong data-testid="subtotal">{formatMoney(data.subtotalMinor, data.currency, locale)}</strong></p>
            <p className="muted">{t('cart.shippingLater')}</p>
            {data.checkoutReady
              ? <Link to="/checkout" className="button">{t('cart.checkout')}</Link>
              : <><Button disabled>{t('cart.checkout')}</Button><p className="muted">{t('cart.notReady')}</p></>}
          </div>
        </>
      )}
    </div>
  );
}
