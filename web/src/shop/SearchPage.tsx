import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { NativeSelect } from '@mantine/core';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatMoney } from '../lib/format';
import type { SearchParams, SearchSort } from '../router';
import { ProblemNote } from '../shell/ErrorView';
import { ProductImage } from './ProductImage';
import { pick } from '../lib/localised';

export function SearchPage() {
  const t = useT();
  const { locale, currency } = useLocale();
  const params = useSearch({ from: '/search' });
  const navigate = useNavigate({ from: '/search' });
  const results = useQuery({
    queryKey: ['search', params, locale, currency],
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET('/v1/search', { params: { query: { ...params, locale, currency, limit: 12 } } })),
  });
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => unwrap(api.GET('/v1/categories')), staleTime: 10 * 60_000 });
  const categoryName = (slug: string) => pick(categories.data?.items.find((c) => c.slug === slug)?.name as Record<string, string> | undefined, locale) || slug;
  const go = (next: Partial<SearchParams>) => navigate({ search: (prev) => ({ ...prev, cursor: undefined, ...next }) });
  const data = results.data;

  return (
    <div className="page">
      <h1>{params.q ? t('search.titleFor', { q: params.q }) : t('search.title')}</h1>
      <ProblemNote error={results.error} />
      <div className="searchlayout">
        <aside aria-label={t('search.filters')} className="filters">
          <NativeSelect label={t('search.sort')} value={params.sort ?? 'relevance'} onChange={(e) => go({ sort: e.currentTarget.value as SearchSort })}
            data={(['relevance', 'newest', 'price_asc', 'price_desc'] as const).map((s) => ({ value: s, label: t(`search.sort.${s}`) }))} />
          {data && data.facets.brands.length > 0 && (
            <fieldset>
              <legend>{t('search.brand')}</legend>
              <ul className="facets">
                {data.facets.brands.map((b) => (
                  <li key={b.slug}>
                    <Link to="/search" search={{ ...params, cursor: undefined, brand: params.brand === b.slug ? undefined : b.slug }} aria-current={params.brand === b.slug ? 'true' : undefined}>
                      {String(b.name ?? b.slug)} <span className="count">({b.count})</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          {data && data.facets.categories.length > 0 && (
            <fieldset>
              <legend>{t('search.category')}</legend>
              <ul className="facets">
                {data.facets.categories.map((c) => (
                  <li key={c.slug}>
                    <Link to="/search" search={{ ...params, cursor: undefined, category: params.category === c.slug ? undefined : c.slug }} aria-current={params.category === c.slug ? 'true' : undefined}>
                      {categoryName(c.slug)} <span className="count">({c.count})</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          {(params.brand || params.category || params.pavilion) && (
            <p><Link to="/search" search={{ q: params.q, sort: params.sort }}>{t('search.clearFilters')}</Link></p>
          )}
        </aside>
        <section aria-labelledby="results-title" className="results" aria-busy={results.isFetching}>
          <h2 id="results-title" className="sr-only">{t('search.results')}</h2>
          {data && <p role="status" className="muted">{t('search.count', { count: data.total })}</p>}
          <ul className="productgrid">
            {data?.items.map((item) => (
              <li key={item.productId} className="productcard" data-testid="search-hit">
                <ProductImage url={item.imageUrl as string | undefined} />
                <h3><Link to="/products/$productId" params={{ productId: item.productId }}>{item.title ?? t('product.untitled')}</Link></h3>
                {item.brand ? <p className="muted">{String((item.brand as { name?: string }).name ?? '')}</p> : null}
                <p className="price">
                  {item.priceFromMinor === null ? t('product.noPrice') : t('search.priceFrom', { price: formatMoney(item.priceFromMinor, item.currency, locale) })}
                </p>
              </li>
            ))}
          </ul>
          <nav aria-label={t('search.pages')} className="pager">
            {params.cursor && <Link to="/search" search={{ ...params, cursor: undefined }}>{t('search.firstPage')}</Link>}
            {data?.nextCursor && <Link to="/search" search={{ ...params, cursor: data.nextCursor }}>{t('search.nextPage')}</Link>}
          </nav>
        </section>
      </div>
    </div>
  );
}
