/**
 * Orders: pure rules. State machines as data, fulfilment sourcing (which locations serve a
 * cart for a destination), shipping fees. No I/O here.
 */

// --- state machines ---------------------------------------------------------------------------

export interface Transition<S extends string, E extends string> {
  from: readonly S[];
  event: E;
  to: S;
  /** Domain event recorded in the outbox when the transition happens. */
  emits?: string;
}

export class IllegalTransition extends Error {
  constructor(readonly machine: string, readonly from: string, readonly event: string) {
    super(`${machine}: cannot ${event} from ${from}`);
  }
}

export function applyTransition<S extends string, E extends string>(
  machine: string, table: readonly Transition<S, E>[], from: S, event: E,
): Transition<S, E> {
  const found = table.find((t) => t.event === event && t.from.includes(from));
  if (!found) throw new IllegalTransition(machine, from, event);
  return found;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilling' | 'completed' | 'returned' | 'cancelled';
export type OrderEvent = 'pay' | 'start_fulfilment' | 'complete' | 'return' | 'cancel' | 'void' | 'expire';

export const ORDER_MACHINE: readonly Transition<OrderStatus, OrderEvent>[] = [
  { from: ['pending_payment'], event: 'pay', to: 'paid', emits: 'order.paid' },
  { from: ['paid'], event: 'start_fulfilment', to: 'fulfilling' },
  { from: ['paid', 'fulfilling'], event: 'complete', to: 'completed', emits: 'order.completed' },
  // Every parcel came back unclaimed: the shopper was refunded and the stock is back.
  { from: ['paid', 'fulfilling', 'completed'], event: 'return', to: 'returned', emits: 'order.returned_to_sender' },
  // Cancelling is possible until picking starts (the service checks the fulfilments).
  { from: ['pending_payment', 'paid'], event: 'cancel', to: 'cancelled', emits: 'order.cancelled' },
  // Every parcel was emptied by short picks: nothing left to send, everything refunded.
  { from: ['fulfilling'], event: 'void', to: 'cancelled', emits: 'order.cancelled' },
  { from: ['pending_payment'], event: 'expire', to: 'cancelled', emits: 'order.expired' },
];

export type FulfilmentKind = 'express_delivery' | 'standard_shipping' | 'store_pickup' | 'partner_pickup' | 'pos_takeaway' | 'store_to_home';
export type FulfilmentStatus =
  | 'pending' | 'picking' | 'packed' | 'ready_for_pickup' | 'out_for_delivery' | 'shipped' | 'in_transit_to_partner'
  | 'received_at_partner' | 'delivered' | 'picked_up' | 'returned_to_sender' | 'cancelled';
export type FulfilmentEvent =
  | 'start_pick' | 'pack' | 'ready' | 'dispatch' | 'ship' | 'send_to_partner' | 'receive_at_partner'
  | 'deliver' | 'hand_over' | 'return_to_sender' | 'cancel' | 'close_empty';

export const FULFILMENT_MACHINE: readonly Transition<FulfilmentStatus, FulfilmentEvent>[] = [
  { from: ['pending'], event: 'start_pick', to: 'picking', emits: 'fulfilment.picking' },
  { from: ['picking'], event: 'pack', to: 'packed', emits: 'fulfilment.packed' },
  { from: ['packed'], event: 'ready', to: 'ready_for_pickup', emits: 'fulfilment.ready_for_pickup' },
  { from: ['packed'], event: 'dispatch', to: 'out_for_delivery', emits: 'fulfilment.out_for_delivery' },
  { from: ['packed'], event: 'ship', to: 'shipped', emits: 'fulfilment.shipped' },
  { from: ['packed'], event: 'send_to_partner', to: 'in_transit_to_partner', emits: 'fulfilment.sent_to_partner' },
  { from: ['in_transit_to_partner'], event: 'receive_at_partner', to: 'received_at_partner', emits: 'fulfilment.received_at_partner' },
  { from: ['out_for_delivery', 'shipped'], event: 'deliver', to: 'delivered', emits: 'fulfilment.delivered' },
  { from: ['ready_for_pickup', 'received_at_partner'], event: 'hand_over', to: 'picked_up', emits: 'fulfilment.picked_up' },
  { from: ['received_at_partner'], event: 'return_to_sender', to: 'returned_to_sender', emits: 'fulfilment.returned_to_sender' },
  { from: ['pending'], event: 'cancel', to: 'cancelled', emits: 'fulfilment.cancelled' },
  // Nothing was found on the shelf: the empty parcel is closed, not packed.
  { from: ['picking'], event: 'close_empty', to: 'cancelled', emits: 'fulfilment.cancelled' },
];

/**
 * The steps an associate or operator moves by hand in the store console. Handing over needs the
 * pickup code, a return to sender refunds and restocks, a cancellation goes through the order:
 * each has its own route.
 */
export const CONSOLE_EVENTS: readonly FulfilmentEvent[] = ['start_pick', 'pack', 'ready', 'dispatch', 'ship', 'send_to_partner', 'receive_at_partner', 'deliver'];

/** Statuses in which the shopper has the parcel in hand: only those units can be returned. */
export const HANDED_OVER: readonly FulfilmentStatus[] = ['delivered', 'picked_up'];

/** Which events each kind of fulfilment may use after packing (the rest are refused). */
export const KIND_EVENTS: Record<FulfilmentKind, readonly FulfilmentEvent[]> = {
  express_delivery: ['start_pick', 'pack', 'dispatch', 'deliver', 'cancel', 'close_empty'],
  store_to_home: ['start_pick', 'pack', 'dispatch', 'deliver', 'cancel', 'close_empty'],
  standard_shipping: ['start_pick', 'pack', 'ship', 'deliver', 'cancel', 'close_empty'],
  store_pickup: ['start_pick', 'pack', 'ready', 'hand_over', 'cancel', 'close_empty'],
  partner_pickup: ['start_pick', 'pack', 'send_to_partner', 'receive_at_partner', 'hand_over', 'return_to_sender', 'cancel', 'close_empty'],
  pos_takeaway: [],
};

export const TERMINAL_FULFILMENT: readonly FulfilmentStatus[] = ['delivered', 'picked_up', 'returned_to_sender', 'cancelled'];

// --- refunds ------------------------------------------------------------------------------------

export interface RefundableLine { quantity: number; unitPriceMinor: number; amountMinor: number; refundedMinor: number }

/**
 * What to refund for `units` of a line of which `unitsStillPaid` are still paid for (not yet
 * short-picked, returned or sent back): the last units take whatever is left of the line, so a
 * rounding cent is never stranded; otherwise the unit price, never more than is left.
 */
export function refundForUnits(line: RefundableLine, units: number, unitsStillPaid: number): number {
  const left = line.amountMinor - line.refundedMinor;
  if (units <= 0) return 0;
  if (units >= unitsStillPaid) return left;
  return Math.min(line.unitPriceMinor * units, left);
}

/**
 * Splits an operator's refund of `amountMinor` over what is left to refund of each line, in
 * proportion (largest remainder, ties to the earlier line), never more than a line has left.
 * What the lines cannot take is answered as `rest` (the shipping part, which is the platform's).
 */
export function allocateRefund(leftPerLine: number[], amountMinor: number): { perLine: number[]; rest: number } {
  const total = leftPerLine.reduce((s, l) => s + l, 0);
  const onLines = Math.min(amountMinor, total);
  if (onLines <= 0) return { perLine: leftPerLine.map(() => 0), rest: amountMinor };
  const exact = leftPerLine.map((left) => (BigInt(left) * BigInt(onLines)));
  const perLine = exact.map((e) => Number(e / BigInt(total)));
  let short = onLines - perLine.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, remainder: e % BigInt(total) }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (short === 0) break;
    if (perLine[i] < leftPerLine[i]) { perLine[i] += 1; short -= 1; }
  }
  return { perLine, rest: amountMinor - onLines };
}

// --- sourcing ---------------------------------------------------------------------------------

export interface CartNeed { skuId: string; quantity: number }

export interface CandidateLocation {
  id: string;
  kind: string;
  distanceM: number;
  /** Units available to promise per SKU at this location. */
  available: Record<string, number>;
  deliveryRadiusM?: number | null;
  offersLocalDelivery?: boolean;
  offersPickup?: boolean;
  shipsOrders?: boolean;
}

export interface Shipment { locationId: string; lines: CartNeed[] }

export function holdsAll(location: CandidateLocation, needs: CartNeed[]): boolean {
  return needs.every((n) => (location.available[n.skuId] ?? 0) >= n.quantity);
}

/**
 * The fewest shipments that cover the cart, preferring locations nearest the shopper: greedy
 * set cover (take the location that covers the most still-needed units, nearest on ties), with
 * lines split across locations only when no single one has the quantity. Returns null when the
 * network cannot cover the cart.
 */
export function planSplit(candidates: CandidateLocation[], needs: CartNeed[]): Shipment[] | null {
  const remaining = new Map(needs.map((n) => [n.skuId, n.quantity]));
  const left = new Map(candidates.map((c) => [c.id, { ...c.available }]));
  const ordered = [...candidates].sort((a, b) => a.distanceM - b.distanceM);
  const shipments: Shipment[] = [];
  while ([...remaining.values()].some((q) => q > 0)) {
    let best: { location: CandidateLocation; units: number } | null = null;
    for (const location of ordered) {
      const stock = left.get(location.id)!;
      let units = 0;
      for (const [sku, qty] of remaining) units += Math.min(qty, stock[sku] ?? 0);
      if (units > 0 && (!best || units > best.units)) best = { location, units };
    }
    if (!best) return null;
    const stock = left.get(best.location.id)!;
    const lines: CartNeed[] = [];
    for (const [sku, qty] of remaining) {
      const take = Math.min(qty, stock[sku] ?? 0);
      if (take > 0) {
        lines.push({ skuId: sku, quantity: take });
        remaining.set(sku, qty - take);
        stock[sku] -= take;
      }
    }
    shipments.push({ locationId: best.location.id, lines });
  }
  return shipments;
}

// --- shipping fees ------------------------------------------------------------------------------

export type ShippingZone = 'domestic' | 'eu' | 'international';

type FeeBands = Array<{ upToGrams: number; feeMinor: number }>;

/** Fee table by zone and weight band, in EUR cents (grams). */
export const SHIPPING_FEES: Record<ShippingZone, FeeBands> = {
  domestic: [{ upToGrams: 1000, feeMinor: 395 }, { upToGrams: 5000, feeMinor: 595 }, { upToGrams: 20000, feeMinor: 995 }, { upToGrams: Infinity, feeMinor: 1995 }],
  eu: [{ upToGrams: 1000, feeMinor: 895 }, { upToGrams: 5000, feeMinor: 1295 }, { upToGrams: 20000, feeMinor: 2495 }, { upToGrams: Infinity, feeMinor: 4995 }],
  international: [{ upToGrams: 1000, feeMinor: 1995 }, { upToGrams: 5000, feeMinor: 3495 }, { upToGrams: 20000, feeMinor: 6995 }, { upToGrams: Infinity, feeMinor: 12995 }],
};

/**
 * Fee tables per currency, each set in its own market's prices (a CNY cart pays Chinese courier
 * rates, not 3.95 read as yuan). A currency without a table pays the EUR table converted at the
 * payments domain's current rate (see `fulfilmentOptions`).
 */
export const SHIPPING_FEES_BY_CURRENCY: Record<string, Record<ShippingZone, FeeBands>> = {
  EUR: SHIPPING_FEES,
  CNY: {
    domestic: [{ upToGrams: 1000, feeMinor: 1200 }, { upToGrams: 5000, feeMinor: 2000 }, { upToGrams: 20000, feeMinor: 4500 }, { upToGrams: Infinity, feeMinor: 9000 }],
    eu: [{ upToGrams: 1000, feeMinor: 6900 }, { upToGrams: 5000, feeMinor: 9900 }, { upToGrams: 20000, feeMinor: 19500 }, { upToGrams: Infinity, feeMinor: 39000 }],
    international: [{ upToGrams: 1000, feeMinor: 15500 }, { upToGrams: 5000, feeMinor: 27000 }, { upToGrams: 20000, feeMinor: 54500 }, { upToGrams: Infinity, feeMinor: 99500 }],
  },
};

const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

export function shippingZone(fromCountry: string, toCountry: string): ShippingZone {
  if (fromCountry === toCountry) return 'domestic';
  if (EU.has(fromCountry) && EU.has(toCountry)) return 'eu';
  return 'international';
}

/** The fee from the table of `currency` (EUR by default); null when that currency has no table. */
export function shippingFee(zone: ShippingZone, weightGrams: number, currency = 'EUR'): number | null {
  const table = SHIPPING_FEES_BY_CURRENCY[currency];
  return table ? table[zone].find((band) => weightGrams <= band.upToGrams)!.feeMinor : null;
}
