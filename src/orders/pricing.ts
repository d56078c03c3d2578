import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { priceLines, purchasableSkus, type SkuAvailability } from '../catalog/index.js';
import type { CartNeed } from './model.js';
import './errors.js';

export interface PricedLine {
  skuId: string;
  merchantId: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

/**
 * Prices cart lines for the buyer at checkout time (their B2B list and tier if assigned, else
 * retail) and refuses any line that may not be sold now (suspended listing, lapsed brand
 * authorisation, inactive product or merchant), naming it. With `soldIn` (the till's store
 * country, the delivery country), a reseller's brand authorisation must cover that country.
 */
export async function priceCart(tx: Tx, needs: CartNeed[], currency: string, accountId: string | null, soldIn?: { country: string | null }): Promise<PricedLine[]> {
  await assertSellable(tx, needs.map((n) => n.skuId), soldIn);
  const priced = await priceLines(tx, { lines: needs, currency, accountId });
  return priced.map((p) => ({ skuId: p.skuId, merchantId: p.merchantId, quantity: p.quantity, unitPriceMinor: p.unitAmountMinor, amountMinor: p.lineAmountMinor }));
}

/** Refuses (422 `orders.sku_not_found`, naming each line and why) SKUs that may not be sold now, here. */
export async function assertSellable(tx: Tx, skuIds: string[], soldIn?: { country: string | null }): Promise<void> {
  const sellable = await purchasableSkus(tx, skuIds, new Date(), soldIn);
  const refused = sellable.filter((s) => !s.purchasable);
  if (refused.length > 0) {
    const why = (r: SkuAvailability) => (r.reason === 'not_authorised_here'
      ? `the seller is not authorised to sell this brand in ${soldIn?.country ?? 'an unnamed country (give the delivery country)'}` : r.reason);
    throw new DomainError('orders.sku_not_found', `Not available for sale: ${refused.map((r) => `${r.skuId} (${why(r)})`).join(', ')}`,
      { unavailable: refused.map((r) => ({ skuId: r.skuId, reason: r.reason })), ...(soldIn ? { country: soldIn.country } : {}) });
  }
}
