import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { priceLines, purchasableSkus } from '../catalog/index.js';
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
 * authorisation, inactive product or merchant), naming it.
 */
export async function priceCart(tx: Tx, needs: CartNeed[], currency: string, accountId: string | null): Promise<PricedLine[]> {
  const sellable = await purchasableSkus(tx, needs.map((n) => n.skuId));
  const refused = sellable.filter((s) => !s.purchasable);
  if (refused.length > 0) {
    throw new DomainError('orders.sku_not_found', `Not available for sale: ${refused.map((r) => `${r.skuId} (${r.reason})`).join(', ')}`, { unavailable: refused.map((r) => ({ skuId: r.skuId, reason: r.reason })) });
  }
  const priced = await priceLines(tx, { lines: needs, currency, accountId });
  return priced.map((p) => ({ skuId: p.skuId, merchantId: p.merchantId, quantity: p.quantity, unitPriceMinor: p.unitAmountMinor, amountMinor: p.lineAmountMinor }));
}
