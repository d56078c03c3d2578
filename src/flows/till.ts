import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { reserve, confirmReservation } from '../inventory/index.js';
import { chargeCardPresent, isSupportedCurrency, payFromWallet, verifyMemberCode, type ProviderSettings } from '../payments/index.js';
import { skuByBarcode } from '../catalog/index.js';
import {
  addToCart, assertSellable, cartWithLines, cartFor, assertOpen, openTillBasket, assignBasket, placeTillOrder, orderPaymentStatus, newOrderId, transitionOrder, priceCart,
  type Cart, type Destination,
} from '../orders/index.js';
import { stampPaid } from './paid.js';
import { distanceMetres, getLocation, type Location } from '../locations/index.js';

function tillOf(principal: Principal): string {
  if (principal.role !== 'associate' || !principal.locationId) throw new DomainError('http.forbidden', 'Only a store associate runs a till');
  return principal.locationId;
}

/** An associate opens a basket at their store's till. */
export async function openBasket(tx: Tx, principal: Principal, currency: string): Promise<Cart> {
  const locationId = tillOf(principal);
  if (!isSupportedCurrency(currency)) throw new DomainError('payments.currency_unknown', `${currency} is not a supported ISO 4217 currency`, { currency }, [{ field: '/currency', message: 'is not a supported currency' }]);
  return openTillBasket(tx, { currency, locationId, openedBy: principal.accountId });
}

/** Scans a barcode (EAN-13) into the basket. */
export async function scanItem(tx: Tx, principal: Principal, basketId: string, barcode: string, quantity = 1): Promise<{ skuId: string }> {
  const basket = await cartFor(tx, { principal }, basketId, { lock: true });
  const sku = await skuByBarcode(tx, barcode);
  if (!sku) throw new DomainError('orders.sku_not_found', `No product with barcode ${barcode}`, {}, [{ field: '/barcode', message: 'is not in the catalogue' }]);
  // A suspended, removed or unauthorised listing is refused at the scan, not at payment; a
  // reseller's brand authorisation must cover this store's country.
  await assertSellable(tx, [sku.id], { country: (await getLocation(tx, basket.locationId ?? tillOf(principal))).country });
  await addToCart(tx, basket, sku.id, quantity);
  return { skuId: sku.id };
}

/**
 * The shopper shows the rotating member code from their app: the basket now belongs to that
 * account (same profile and wallet as online). A replayed or expired code is refused.
 */
export async function identifyShopper(tx: Tx, principal: Principal, basketId: string, memberCode: string): Promise<{ accountId: string }> {
  const basket = await cartFor(tx, { principal }, basketId, { lock: true });
  assertOpen(basket);
  const accountId = await verifyMemberCode(tx, memberCode);
  await assignBasket(tx, basket.id, accountId);
  return { accountId };
}

export interface TillPayment {
  provider: 'wallet' | 'card_sandbox';
  cardNumber?: string;
  /** Buy in store, deliver home: the basket leaves the store's stock now and goes out as a delivery. */
  deliverTo?: Destination;
}

export interface Receipt {
  orderId: string;
  receiptNumber: string;
  locationId: string;
  lines: Array<{ skuId: string; quantity: number; unitPriceMinor: number; amountMinor: number }>;
  totalMinor: number;
  currency: string;
  paymentIntentId: string;
  paymentStatus: string;
  deliveryFulfilmentId: string | null;
  issuedAt: Date;
}

/**
 * Takes payment for the basket: the stock leaves this store at once (a sale movement), the
 * order lands on the identified shopper's profile (or none for an anonymous sale). The wallet
 * pays in this transaction; a card is answered by the terminal while the shopper waits and
 * captured at once. A declined card (402 `payments.card_declined`) rolls the whole sale back: no
 * order, no receipt, no sale movement, nothing held; the basket stays open for another card or
 * the wallet. With `deliverTo`, a delivery from this store is queued in the store console.
 */
export async function payBasket(tx: Tx, principal: Principal, basketId: string, payment: TillPayment, settings: ProviderSettings, now = new Date()): Promise<Receipt> {
  const locationId = tillOf(principal);
  const { cart: basket, lines: needs } = await cartWithLines(tx, { principal }, basketId, { lock: true });
  assertOpen(basket);
  if (needs.length === 0) throw new DomainError('orders.cart_empty', 'Scan something first');
  if (payment.provider === 'wallet' && !basket.accountId) throw new DomainError('orders.shopper_not_identified', 'Scan the shopper\'s member code to pay from their wallet');
  if (payment.deliverTo && !basket.accountId) throw new DomainError('orders.shopper_not_identified', 'Scan the shopper\'s member code to deliver home');

  const store = await getLocation(tx, locationId);
  if (payment.deliverTo) assertDeliversTo(store, payment.deliverTo);
  // Sold here, or in the delivery country when the basket goes home.
  const saleCountry = payment.deliverTo?.country ?? store.country;
  const priced = await priceCart(tx, needs, basket.currency, basket.accountId, { country: saleCountry });
  const order = { id: newOrderId() };
  // The goods are in the shopper's hands (or the delivery bag): they leave this store's stock now.
  const reservation = await reserve(tx, needs.map((n) => ({ ...n, locationId })), { ttlMs: 60_000, reference: `order:${order.id}`, holderAccountId: basket.accountId, now });
  await confirmReservation(tx, reservation.id, { actorAccountId: principal.accountId, now });
  const { fulfilmentId, totalMinor: total } = await placeTillOrder(tx, {
    id: order.id, basket, locationId, actor: principal.accountId, priced, reservationId: reservation.id, paymentMethod: payment.provider, deliverTo: payment.deliverTo ?? null, now,
  });

  let intentId: string;
  if (payment.provider === 'wallet') {
    intentId = (await payFromWallet(tx, { accountId: basket.accountId!, amountMinor: total, currency: basket.currency, orderId: order.id, order: { id: order.id, totalMinor: total, currency: basket.currency, accountId: basket.accountId } })).id;
    await settleTillOrder(tx, order.id, principal.accountId, !payment.deliverTo, now);
  } else {
    if (!payment.cardNumber) throw new DomainError('payments.card_required', 'A card payment needs the card number');
    const intent = await chargeCardPresent(tx, { accountId: basket.accountId, orderId: order.id, amountMinor: total, currency: basket.currency, cardNumber: payment.cardNumber }, settings);
    await settleTillOrder(tx, order.id, principal.accountId, !payment.deliverTo, now);
    intentId = intent.id;
  }
  const paymentStatus = await orderPaymentStatus(tx, order.id);
  return {
    orderId: order.id, receiptNumber: `R-${locationId.slice(0, 4).toUpperCase()}-${order.id.slice(0, 8).toUpperCase()}`, locationId,
    lines: priced.map(({ skuId, quantity, unitPriceMinor, amountMinor }) => ({ skuId, quantity, unitPriceMinor, amountMinor })),
    totalMinor: total, currency: basket.currency, paymentIntentId: intentId, paymentStatus,
    deliveryFulfilmentId: payment.deliverTo ? fulfilmentId : null, issuedAt: now,
  };
}

/**
 * Buy in store, deliver home is the store's own free local delivery: the address must be within
 * the store's delivery radius (and the store must deliver); farther away the basket is refused
 * here rather than delivered free across the country — the shopper orders it online, where
 * shipping is priced.
 */
function assertDeliversTo(store: Location, to: Destination): void {
  const distance = Math.round(distanceMetres({ lat: store.latitude, lon: store.longitude }, { lat: to.latitude, lon: to.longitude }));
  if (!store.localDelivery || distance > store.deliveryRadiusM) {
    throw new DomainError('orders.delivery_out_of_range', store.localDelivery
      ? `The address is ${(distance / 1000).toFixed(1)} km away; this store delivers within ${(store.deliveryRadiusM / 1000).toFixed(1)} km`
      : 'This store does not deliver', { distanceMetres: distance, deliveryRadiusMetres: store.deliveryRadiusM },
    [{ field: '/deliverTo', message: 'is outside the store\'s delivery radius' }]);
  }
}

/** A till order is paid: lines stamped, merchants credited, and (takeaway) the order completes. */
export async function settleTillOrder(tx: Tx, orderId: string, actor: string | null, completes: boolean, now = new Date()): Promise<void> {
  await stampPaid(tx, orderId, actor, now);
  if (completes) await transitionOrder(tx, orderId, 'complete', actor);
}
