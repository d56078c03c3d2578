import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { addToCart } from '../cart';

type Locale = 'es' | 'it' | 'en' | 'zh';
interface Hit { productId: string; title: string | null; brand: { slug: string; name: string } | null; priceFromMinor: number | null; currency: string; imageUrl: string | null }
interface Result {
  items: Hit[]; nextCursor: string | null; total: number;
  facets: { brands: Array<{ slug: string; name: string; count: number }>; categories: Array<{ slug: string; count: number }>; priceBands: Array<{ fromMinor: number; toMinor: number | null; count: number }> };
}
interface Pavilion { slug: string; name: Partial<Record<Locale, string>>; storefronts: Array<{ id: string; name: string }> }

const LABELS: Record<Locale, { search: string; results: string; more: string; add: string; added: string; cart: string }> = {
  es: { search: 'Buscar', results: 'resultados', more: 'Ver más', add: 'Añadir', added: 'Añadido a la cesta.', cart: 'Ver cesta' },
  it: { search: 'Cerca', results: 'risultati', more: 'Altri', add: 'Aggiungi', added: 'Aggiunto al carrello.', cart: 'Vai al carrello' },
  en: { search: 'Search', results: 'results', more: 'More', add: 'Add to cart', added: 'Added to your cart.', cart: 'View cart' },
  zh: { search: '搜索', results: '个结果', more: '更多', add: '加入购物车', added: '已加入购物车。', cart: '查看购物车' },
};

/** Minor units as the shopper's locale writes money. */
const money = (minor: number | null, currency: string, locale: Locale) =>
  minor === null ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);

/** The shopper's search: four languages, facets to narrow down, a pavilion to browse. */
export function ShopSearch() {
  const [q, setQ] = useState('');
  const [locale, setLocale] = useState<Locale>('es');
  const [currency, setCurrency] = useState('EUR');
  const [filters, setFilters] = useState<{ brand?: string; category?: string; pavilion?: string }>({});
  const [result, setResult] = useState<Result | null>(null);
  const [pavilions, setPavilions] = useState<Pavilion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  useEffect(() => { api<{ items: Pavilion[] }>('/v1/pavilions').then((r) => setPavilions(r.items), () => setPavilions([])); }, []);

  const run = async (cursor?: string, next = filters) => {
    setError(null);
    const params = new URLSearchParams({ locale, currency, limit: '12' });
    if (q.trim()) params.set('q', q.trim());
    for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api<Result>(`/v1/search?${params}`);
      setResult((prev) => (cursor && prev ? { ...page, items: [...prev.items, ...page.items] } : page));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Search failed');
    }
  };
  // Adds the product's first SKU; size and colour pickers belong on a product page.
  const addFirstSku = async (productId: string) => {
    setError(null);
    try {
      const product = await api<{ skus: Array<{ id: string }> }>(`/v1/products/${productId}`);
      await addToCart(product.skus[0].id);
      setAdded(productId);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not add to the cart');
    }
  };
  const submit = (event: FormEvent) => { event.preventDefault(); void run(); };
  const narrow = (next: typeof filters) => { setFilters(next); void run(undefined, next); };

  return (
    <section className="card" aria-label="Shop search">
      <h2>{LABELS[locale].search}</h2>
      <form onSubmit={submit} className="row">
        <input aria-label="Search text" value={q} onChange={(e) => setQ(e.target.value)} placeholder="bolso, borsa, handbag, 手袋…" />
        <select aria-label="Language" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          <option value="es">Español</option><option value="it">Italiano</option><option value="en">English</option><option value="zh">中文</option>
        </select>
        <select aria-label="Currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
          <option>EUR</option><option>CNY</option>
        </select>
        <button type="submit">{LABELS[locale].search}</button>
      </form>
      <p>
        {pavilions.map((p) => (
          <button key={p.slug} type="button" onClick={() => narrow({ ...filters, pavilion: filters.pavilion === p.slug ? undefined : p.slug })} aria-pressed={filters.pavilion === p.slug}>
            {p.name[locale] ?? p.name.en ?? p.slug}
          </button>
        ))}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {added && <p role="status">{LABELS[locale].added} <a href="#/cart">{LABELS[locale].cart}</a></p>}
      {result && (
        <>
          <p data-testid="search-total">{result.total} {LABELS[locale].results}</p>
          <div className="row">
            <ul aria-label="Brands">
              {result.facets.brands.map((b) => (
                <li key={b.slug}><button type="button" onClick={() => narrow({ ...filters, brand: filters.brand === b.slug ? undefined : b.slug })} aria-pressed={filters.brand === b.slug}>{b.name} ({b.count})</button></li>
              ))}
            </ul>
            <ul aria-label="Categories">
              {result.facets.categories.map((c) => (
                <li key={c.slug}><button type="button" onClick={() => narrow({ ...filters, category: filters.category === c.slug ? undefined : c.slug })} aria-pressed={filters.category === c.slug}>{c.slug} ({c.count})</button></li>
              ))}
            </ul>
            <ul aria-label="Price bands">
              {result.facets.priceBands.map((b) => <li key={b.fromMinor}>{money(b.fromMinor, currency, locale)}{b.toMinor === null ? '+' : ` – ${money(b.toMinor, currency, locale)}`} ({b.count})</li>)}
            </ul>
          </div>
          <table>
            <tbody>
              {result.items.map((hit) => (
                <tr key={hit.productId} data-testid="search-hit">
                  <td>{hit.title}</td><td>{hit.brand?.name ?? ''}</td><td>{money(hit.priceFromMinor, hit.currency, locale)}</td>
                  <td><button type="button" onClick={() => addFirstSku(hit.productId)}>{LABELS[locale].add}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.nextCursor && <button type="button" onClick={() => run(result.nextCursor!)}>{LABELS[locale].more}</button>}
        </>
      )}
    </section>
  );
}
