import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';

interface Translation { title?: string }

/** Titles (in the shopper's language) and first images of products, fetched once each and cached. */
export function useProductTitles(productIds: Array<string | null | undefined>): Record<string, { title: string | null; imageUrl: string | null; skus: Array<{ id: string; attributes?: Record<string, string> }> }> {
  const { locale } = useLocale();
  const ids = [...new Set(productIds.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: ids.map((productId) => ({
      queryKey: ['product', productId],
      queryFn: () => unwrap(api.GET('/v1/products/{productId}', { params: { path: { productId } } })),
      staleTime: 5 * 60_000,
    })),
  });
  const out: Record<string, { title: string | null; imageUrl: string | null; skus: Array<{ id: string; attributes?: Record<string, string> }> }> = {};
  ids.forEach((id, i) => {
    const product = results[i]?.data;
    if (!product) return;
    const translations = product.translations as Record<string, Translation> | undefined;
    const images = (product.images ?? []) as Array<{ url: string }>;
    out[id] = { title: translations?.[locale]?.title ?? translations?.en?.title ?? null, imageUrl: images[0]?.url ?? null, skus: product.skus as never };
  });
  return out;
}
