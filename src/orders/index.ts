/**
 * What other domains and the flows may use from orders: carts, pricing a cart, fulfilment
 * options, placing an order from a priced cart and a resolved option, marking it paid, its
 * state machines. Nothing else of this folder is imported from outside it.
 */
export {
  openCart, cartFor, cartWithLines, assertOpen, addToCart, setCartLine, linesOf, mergeGuestCart, hashCartToken,
  type Cart, type CartAccess, type CartLine, type Channel,
} from './carts.js';
export { priceCart, assertSellable, type PricedLine } from './pricing.js';
export {
  fulfilmentOptions, resolveOption, expressSlots, bookExpressSlot, releaseExpressSlot, EXPRESS_SLOT_CAPACITY,
  type FulfilmentOption, type FulfilmentOptions, type ShipmentOption, type Slot,
} from './sourcing.js';
export {
  newOrderId, placeOrder, markPaid, orderOfCart, lockOrder, orderFulfilments, moveToReservation, cancelPendingFulfilments,
  openTillBasket, assignBasket, placeTillOrder, orderPaymentStatus, recordOrderRefund,
  type NewOrder, type NewTillOrder, type PlacedOrder, type PaidOrder, type PaidOrderLine, type PlannedShipment, type OrderRow, type FulfilmentRow,
} from './placing.js';
export {
  audit, transitionOrder, transitionFulfilment, lockFulfilment, dueUncollectedParcels, locationQueue, pickupQrPayload,
  type Fulfilment,
} from './fulfilment.js';
export { getOrder, shopperOrders, orderHistory, staleUnpaidOrders, type Order, type OrderLine, type OrderView } from './service.js';
export { cartAccess, orderRoutes } from './routes.js';
export { ORDER_MACHINE, FULFILMENT_MACHINE, HANDED_OVER, allocateRefund, refundForUnits, type OrderStatus, type OrderEvent, type FulfilmentKind, type FulfilmentStatus, type CartNeed } from './model.js';
export type { Destination } from './schema.js';
export { orderProblems } from './errors.js';
export { checkOrderRecords, orderFacts, type OrderViolation, type OrderFact, type OrderLineFact } from './check.js';
