import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { reserve, confirmReservation, releaseReservation, getReservation } from '../inventory/index.js';
import { bookPickupSlot, releasePickupSlot } from '../locations/index.js';
import { payFromWallet, createPaymentIntent, cancelPaymentIntent, orderPaymentIntents, refundPaymentIntent, type NextAction } from '../payments/index.js';
import { settleTillOrder } from './till.js';
import { stampPaid } from './paid.js';
import {
  cartWithLines, assertOpen, newOrderId, placeOrder, orderOfCart, recordOrderRefund, lockOrder, orderFulfilments, moveToReservation, cancelPendingFulfilments,
  resolveOption, bookExpressSlot, releaseExpressSlot, transitionOrder, priceCart,
  type CartAccess, type Destination, type FulfilmentOption, type PlannedShipment, type PricedLine,
} from '../orders/index.js';

/** How long stock stays held for an order awaiting an external payment. */
export const AWAITING_PAYMENT_TTL_MS = 15 * 60_000;

export interface CheckoutInput {
  cartId: string;
  access: CartAccess;
  optionId: string;
  /** Chosen slot start for express delivery or store pickup (defaults to the earliest). */
  slotStart?: Date;
  destination: Destination;
  /** `walletCurrency`: pay from the wallet in that currency, converted at checkout (a CNY wallet, a EUR basket). */
  payment: { provider: 'wallet'; walletCurrency?: string } | { provider: 'card_sandbox' | 'alipay' };
  now?: Date;
}

export interface CheckoutResult {
  orderId: string;
  status: string;
  totalMinor: number;
  currency: string;
  paymentIntentId: string;
  nextAction: NextAction | null;
  /** Paid from a wallet in another currency: what left it, and at which rate (1 order currency = rate wallet currency). */
  walletPayment?: { currency: string; amountMinor: number; rate: string };
}

/**
 * Turns a cart into an order in ONE transaction whose round trips do not grow with the cart:
 * lock the cart and read its lines, price them, re-check the chosen fulfilment option, hold
 * every line's stock (one statement, rows locked in key order), book the option's slot, write
 * the order with its lines and fulfilments (one statement), and take payment. With the wallet
 * the payment, the hold becoming a sale, the order's `pay` transition and the merchants'
 * settlement follow (a statement or a few each), and the transaction's events go to the outbox
 * in one insert at commit. With an external provider the order awaits payment and the stock
 * stays held until the reservation expires. Any failure rolls everything back; the cart's
 * unique order key makes a retried checkout find the first order.
 */
export async function checkout(tx: Tx, principal: Principal | null, input: CheckoutInput): Promise<CheckoutResult> {
  const now = input.now ?? new Date();
  const { cart, lines: needs } = await cartWithLines(tx, input.access, input.cartId, { lock: true });
  if (cart.status === 'converted') {
    const existing = await orderOfCart(tx, cart.id);
    if (existing) throw new DomainError('orders.cart_closed', `Cart ${cart.id} was already checked out as order ${existing}`, { orderId: existing });
  }
  assertOpen(cart);
  if (cart.channel === 'pos') throw new DomainError('orders.cart_closed', 'A till basket is paid at the till');
  const accountId = cart.accountId ?? (principal?.role === 'shopper' ? principal.accountId : null);
  if (!accountId) throw new DomainError('http.unauthenticated', 'Sign in to check out (a guest cart merges into your account)');
  if (needs.length === 0) throw new DomainError('orders.cart_empty', 'The cart is empty');

  const priced = await priceCart(tx, needs, cart.currency, accountId, { country: input.destination.country ?? null });
  const option = await resolveOption(tx, input.optionId, needs, input.destination, cart.currency, now);
  const orderId = newOrderId();
  const reservation = await reserve(tx, option.shipments.flatMap((s) => s.lines.map((l) => ({ skuId: l.skuId, locationId: s.sourceLocationId, quantity: l.quantity }))), {
    ttlMs: AWAITING_PAYMENT_TTL_MS, reference: `order:${orderId}`, holderAccountId: accountId, now,
  });
  const shipments = await bookSlots(tx, orderId, option, input.slotStart);
  const order = await placeOrder(tx, {
    id: orderId, cart, accountId, actor: principal?.accountId ?? accountId, priced, option, shipments, reservationId: reservation.id,
    destination: input.destination, paymentMethod: input.payment.provider, now,
  });

  if (input.payment.provider !== 'wallet') {
    const intent = await createPaymentIntent(tx, {
      accountId, purpose: 'order', orderId, provider: input.payment.provider, amountMinor: order.totalMinor, currency: cart.currency,
      order: { id: orderId, totalMinor: order.totalMinor, currency: order.currency, accountId },
    });
    return { orderId, status: 'pending_payment', totalMinor: order.totalMinor, currency: cart.currency, paymentIntentId: intent.id, nextAction: (intent as { nextAction?: NextAction }).nextAction ?? null };
  }
  const intent = await payFromWallet(tx, {
    accountId, amountMinor: order.totalMinor, currency: cart.currency, orderId, order: { id: orderId, totalMinor: order.totalMinor, currency: order.currency, accountId },
    walletCurrency: input.payment.walletCurrency,
  });
  await confirmReservation(tx, reservation.id, { actorAccountId: accountId, now });
  await stampPaid(tx, orderId, accountId, now);
  return {
    orderId, status: 'paid', totalMinor: order.totalMinor, currency: cart.currency, paymentIntentId: intent.id, nextAction: null,
    ...(intent.walletCurrency && intent.walletAmountMinor ? { walletPayment: { currency: intent.walletCurrency, amountMinor: intent.walletAmountMinor, rate: intent.fxRate ?? '' } } : {}),
  };
}

/** Books each shipment's express or pickup slot (the chosen one, else the earliest) in the order's name. */
async function bookSlots(tx: Tx, orderId: string, option: FulfilmentOption, slotStart?: Date): Promise<PlannedShipment[]> {
  const planned: PlannedShipment[] = [];
  for (const shipment of option.shipments) {
    const slot = shipment.slots.find((s) => slotStart && s.start.getTime() === slotStart.getTime()) ?? shipment.earliestSlot;
    if (slotStart && shipment.slots.length > 0 && slot?.start.getTime() !== slotStart.getTime()) {
      throw new DomainError('orders.option_unavailable', 'That slot is not offered (full, closed or too soon); pick one from the options', { slotStart: slotStart.toISOString() });
    }
    if (shipment.kind === 'express_delivery' && slot) await bookExpressSlot(tx, shipment.sourceLocationId, slot.start);
    const booking = shipment.kind === 'store_pickup' && slot ? await bookPickupSlot(tx, shipment.sourceLocationId, slot.start, { reference: `order:${orderId}` }) : null;
    planned.push({ slot: slot ?? null, pickupBookingId: booking?.id ?? null });
  }
  return planned;
}

/**
 * Payment arrived: the held stock becomes a sale, the lines are stamped paid (the launch
 * programme and settlement read that), merchants' payables are credited. Idempotent: a second
 * notification for a paid order changes nothing. A payment that arrives after the hold ran
 * out takes the stock again if it is still there; if not, the money goes back and the order
 * is cancelled — never an oversold unit.
 */
export async function markOrderPaid(tx: Tx, orderId: string, actor: string | null, now = new Date()): Promise<'paid' | 'already' | 'refunded_sold_out' | 'partly_paid'> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw new DomainError('orders.not_found', `No order ${orderId}`);
  if (order.status !== 'pending_payment') return 'already';
  // A capture of part of the total (an intent for less than the order) does not pay the order:
  // it stays awaiting the rest, and expiry refunds what was captured.
  if (await capturedFor(tx, orderId) < order.totalMinor) return 'partly_paid';
  if (order.channel === 'pos') {
    const deliveries = await orderFulfilments(tx, orderId, ['store_to_home']);
    await settleTillOrder(tx, orderId, actor, deliveries.length === 0, now);
    return 'paid';
  }
  const fs = await orderFulfilments(tx, orderId);
  for (const id of new Set(fs.map((f) => f.reservationId).filter(Boolean) as string[])) {
    const held = await getReservation(tx, id);
    if (held.status === 'confirmed') continue;
    if (held.status === 'held' && held.expiresAt > now) {
      await confirmReservation(tx, id, { actorAccountId: actor, now });
      continue;
    }
    // The hold ran out but no sweeper has returned it yet: give it back first, so the order's own
    // expired hold does not stand between it and its units.
    if (held.status === 'held') await releaseReservation(tx, id, { now });
    try {
      const again = await tx.transaction((sp) => reserve(sp as unknown as Tx, held.lines, { ttlMs: 60_000, reference: `order:${orderId}`, holderAccountId: order.accountId, now }));
      await confirmReservation(tx, again.id, { actorAccountId: actor, now });
      await moveToReservation(tx, id, again.id);
    } catch (error) {
      if (!(error instanceof DomainError) || !error.code.startsWith('inventory.')) throw error;
      await refundLatePayment(tx, orderId);
      return 'refunded_sold_out';
    }
  }
  await stampPaid(tx, orderId, actor, now);
  return 'paid';
}


/** What the order's payments captured and still hold. */
async function capturedFor(tx: Tx, orderId: string): Promise<number> {
  return (await orderPaymentIntents(tx, orderId, 'refundable')).reduce((sum, i) => sum + Number(i.capturedMinor) - Number(i.refundedMinor), 0);
}

/** Gives back whatever an order that will never be paid captured; the order says what went back. */
async function refundCaptured(tx: Tx, orderId: string): Promise<void> {
  let refunded = 0;
  for (const intent of await orderPaymentIntents(tx, orderId, 'refundable')) {
    const amount = Number(intent.capturedMinor) - Number(intent.refundedMinor);
    await refundPaymentIntent(tx, intent.id, amount);
    refunded += amount;
  }
  // The order says what went back, as every other refund path does.
  if (refunded > 0) await recordOrderRefund(tx, orderId, refunded, 'refunded');
}

async function refundLatePayment(tx: Tx, orderId: string): Promise<void> {
  await refundCaptured(tx, orderId);
  await releaseSlots(tx, orderId);
  await cancelPendingFulfilments(tx, orderId);
  await transitionOrder(tx, orderId, 'expire', null, { reason: 'paid after the stock hold ran out and the items sold out; refunded' });
}

/** An order whose external payment never came (or only in part): stock and slots go back, anything captured is refunded, the order is cancelled. */
export async function expireUnpaidOrder(tx: Tx, orderId: string): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (order?.status !== 'pending_payment') return;
  const fs = await orderFulfilments(tx, orderId);
  for (const id of new Set(fs.map((f) => f.reservationId).filter(Boolean) as string[])) {
    // The inventory sweeper may have returned the expired hold already, or do so while this
    // waits for the row (another process): either way the units are back, nothing to undo.
    if ((await getReservation(tx, id)).status === 'held') {
      await releaseReservation(tx, id).catch((error) => {
        if (!(error instanceof DomainError && error.code === 'inventory.reservation_not_held')) throw error;
      });
    }
  }
  for (const intent of await orderPaymentIntents(tx, orderId, 'open')) await cancelPaymentIntent(tx, intent.id);
  // Part of the total may have been captured (an intent for less than the order): it goes back.
  await refundCaptured(tx, orderId);
  await releaseSlots(tx, orderId);
  await cancelPendingFulfilments(tx, orderId);
  await transitionOrder(tx, orderId, 'expire', null);
}

/** Gives back the express and pickup slot places an order held. */
export async function releaseSlots(tx: Tx, orderId: string): Promise<void> {
  const fs = await orderFulfilments(tx, orderId, ['express_delivery', 'store_pickup']);
  for (const f of fs) {
    if (f.kind === 'express_delivery' && f.slotStart) await releaseExpressSlot(tx, f.sourceLocationId, f.slotStart);
    if (f.kind === 'store_pickup' && f.pickupBookingId) {
      await releasePickupSlot(tx, f.pickupBookingId); // the booking row goes; the fulfilment's reference is set null
    }
  }
}

export type { PricedLine };
