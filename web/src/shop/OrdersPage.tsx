import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDateTime, formatMoney } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';

/** One history across web, app and till, newest first. */
export function OrdersPage() {
  const t = useT();
  const { locale } = useLocale();
  const orders = useInfiniteQuery({
    queryKey: ['orders'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/orders', { params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <h1>{t('orders.title')}</h1>
      <ProblemNote error={orders.error} />
      {orders.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {orders.data && items.length === 0 && <p>{t('orders.none')} <Link to="/search">{t('home.browse')}</Link></p>}
      <ul className="orderlist">
        {items.map((o) => (
          <li key={o.id} data-testid="order-row" className="orderrow">
            <div>
              <Link to="/orders/$orderId" params={{ orderId: o.id }} className="strong">{t('orders.number', { id: o.id.slice(0, 8).toUpperCase() })}</Link>
              <p className="muted">{formatDateTime(o.placedAt, locale)} · {t(`channel.${o.channel}`)}</p>
            </div>
            <div className="orderrow-end">
              <span className={`status status-${o.status}`}>{t(`orderStatus.${o.status}`)}</span>
              <strong>{formatMoney(o.totalMinor, o.currency, locale)}</strong>
            </div>
          </li>
        ))}
      </ul>
      {orders.hasNextPage && <Button variant="default" onClick={() => void orders.fetchNextPage()} loading={orders.isFetchingNextPage}>{t('orders.more')}</Button>}
    </div>
  );
}
