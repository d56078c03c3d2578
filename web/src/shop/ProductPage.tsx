import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { useIntl } from 'react-intl';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDistance, formatMoney, formatTime, localDate } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';
import { addToCart, useInvalidateCart } from './cart';
import { PlacePicker } from './PlacePicker';
import { usePlace } from './place';
import { ProductImage } from './ProductImage';
import { QuantityStepper } from './QuantityStepper';

interface Sku { id: string; skuCode: string; attributes?: Record<string, string> }
interface Translation { title?: string; description?: string }

export function ProductPage() {
  const t = useT();
  const { locale, currency } = useLocale();
  const { productId } = useParams({ from: '/products/$productId' });
  const product = useQuery({ queryKey: ['product', productId], queryFn: () => unwrap(api.GET('/v1/products/{productId}', { params: { path: { productId } } })) });
  const skus = (product.data?.skus ?? []) as Sku[];
  const attributeNames = useMemo(() => [...new Set(skus.flatMap((s) => Object.keys(s.attributes ?? {})))], [skus]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const selected = skus.find((s) => attributeNames.every((name) => (chosen[name] ?? skus[0]?.attributes?.[name]) === s.attributes?.[name])) ?? skus[0];
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<'idle' | 'adding' | 'added'>('idle');
  const [error, setError] = useState<unknown>(null);
  const invalidateCart = useInvalidateCart();
  const intl = useIntl();
  const attributeLabel = (name: string) => (`product.attribute.${name}` in intl.messages ? t(`product.attribute.${name}`) : name);

  const prices = useQuery({
    queryKey: ['prices', productId, currency, skus.map((s) => s.id).join()],
    enabled: skus.length > 0,
    // A business buyer's list may have a minimum order quantity: the quote is raised to it.
    queryFn: () => unwrap(api.POST('/v1/price-quotes', { body: { currency, raiseToMinimum: true, lines: skus.map((s) => ({ skuId: s.id, quantity: 1 })) } })),
  });
  const price = prices.data?.lines.find((l) => l.skuId === selected?.id);
  const minimum = price?.quantity ?? 1;
  useEffect(() => { if (quantity < minimum) setQuantity(minimum); }, [minimum]); // eslint-disable-line react-hooks/exhaustive-deps

  if (product.error) return <div className="page narrow"><ProblemNote error={product.error} /></div>;
  if (!product.data) return <div className="page" aria-busy="true">{t('common.loading')}</div>;
  const translations = product.data.translations as Record<string, Translation> | undefined;
  const text = translations?.[locale] ?? translations?.en ?? Object.values(translations ?? {})[0] ?? {};
  const images = (product.data.images ?? []) as Array<{ url: string; alt?: string }>;

  const add = async () => {
    if (!selected) return;
    setAdded('adding');
    setError(null);
    try {
      await addToCart(selected.id, quantity, currency);
      await invalidateCart();
      setAdded('added');
    } catch (caught) {
      setError(caught);
      setAdded('idle');
    }
  };

  return (
    <article className="page product" aria-labelledby="product-title">
      <div className="product-media">
        <ProductImage url={images[0]?.url} alt={images[0]?.alt ?? ''} large />
      </div>
      <div className="product-info">
        <h1 id="product-title">{text.title ?? t('product.untitled')}</h1>
        {text.description && <p>{text.description}</p>}
        <p className="price big" data-testid="product-price">
          {price && price.ok !== false ? formatMoney(price.unitAmountMinor, price.currency, locale) : prices.isPending ? '…' : t('product.noPrice')}
        </p>
        {price?.priceListKind === 'wholesale' && (
          <p className="badge">{t('product.businessPrice', { moq: minimum })}</p>
        )}
        {attributeNames.map((name) => {
          const values = [...new Set(skus.map((s) => s.attributes?.[name]).filter((v): v is string => !!v))];
          const current = chosen[name] ?? selected?.attributes?.[name];
          return (
            <fieldset key={name} className="variants">
              <legend>{attributeLabel(name)}</legend>
              <div className="chips">
                {values.map((value) => (
                  <label key={value} className={value === current ? 'chip on' : 'chip'}>
                    <input type="radio" name={`attr-${name}`} value={value} checked={value === current} onChange={() => setChosen({ ...chosen, [name]: value })} />
                    {value}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="buyrow">
          <QuantityStepper value={quantity} onChange={(q) => setQuantity(Math.max(minimum, q))} min={minimum} label={t('cart.quantity')} />
          <Button onClick={add} loading={added === 'adding'} disabled={!selected || !price || price.ok === false}>{t('product.add')}</Button>
        </div>
        <div aria-live="polite">
          {added === 'added' && <p role="status" className="success">{t('product.added')} <Link to="/cart">{t('product.goToCart')}</Link></p>}
        </div>
        <ProblemNote error={error} />
        {selected && <StoreStock skuId={selected.id} />}
      </div>
    </article>
  );
}

/** Stock and the next pickup time at the stores near the shopper, and whether express delivery is free. */
function StoreStock({ skuId }: { skuId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const place = usePlace();
  const stores = useQuery({
    queryKey: ['stock-nearby', skuId, place?.latitude, place?.longitude],
    enabled: !!place,
    queryFn: () => unwrap(api.GET('/v1/locations/nearby', { params: { query: { lat: place!.latitude, lon: place!.longitude, radius_km: 25, sku: [skuId], kind: ['store', 'popup', 'corner'], limit: 4 } } })),
  });
  const delivering = stores.data?.items.find((s) => s.deliversHere && s.hasAllSkus);
  return (
    <section aria-labelledby="stock-title" className="panel">
      <h2 id="stock-title">{t('product.storesTitle')}</h2>
      {!place && <PlacePicker />}
      {delivering && <p className="badge">{t('product.freeExpress', { store: delivering.location.name })}</p>}
      {stores.data && stores.data.items.length === 0 && <p>{t('home.noStores')}</p>}
      <ul className="storelist">
        {stores.data?.items.map((s) => {
          const available = (s.stock as Array<{ skuId: string; available: number }> | undefined)?.find((x) => x.skuId === skuId)?.available ?? 0;
          return (
            <li key={s.location.id} data-testid="store-stock">
              <div>
                <strong>{s.location.name}</strong>
                <span className="muted"> · {formatDistance(s.distanceMetres, locale)}</span>
              </div>
              <div>{available > 0 ? t('product.inStock', { count: available }) : t('product.outOfStock')}</div>
              {available > 0 && s.location.offersPickup && <NextPickup locationId={s.location.id} timeZone={s.location.timeZone} />}
            </li>
          );
        })}
      </ul>
      {place && <PlacePicker />}
    </section>
  );
}

function NextPickup({ locationId, timeZone }: { locationId: string; timeZone: string }) {
  const t = useT();
  const { locale } = useLocale();
  const slots = useQuery({
    queryKey: ['pickup-next', locationId],
    queryFn: async () => {
      const now = Date.now();
      for (const offset of [0, 1, 2]) {
        const date = localDate(new Date(now + offset * 86_400_000), timeZone);
        const answer = await unwrap(api.GET('/v1/locations/{locationId}/pickup-slots', { params: { path: { locationId }, query: { date } } }));
        const next = answer.items.find((slot) => slot.remaining > 0 && new Date(slot.start).getTime() > now);
        if (next) return next;
      }
      return null;
    },
  });
  if (!slots.data) return null;
  const start = new Date(slots.data.start);
  const today = localDate(start, timeZone) === localDate(new Date(), timeZone);
  return <div className="muted">{today ? t('product.pickupToday', { time: formatTime(start, locale, timeZone) }) : t('product.pickupOn', { when: new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(start) })}</div>;
}
