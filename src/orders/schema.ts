import { pgTable, uuid, text, timestamp, integer, bigint, char, primaryKey, jsonb } from 'drizzle-orm/pg-core';

export const orders = pgTable('orders', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id'),
  channel: text('channel', { enum: ['web', 'app', 'pos'] }).notNull(),
  status: text('status').notNull().default('pending_payment'),
  currency: char('currency', { length: 3 }).notNull(),
  totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  cartId: uuid('cart_id'),
  locationId: uuid('location_id'),
  subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull().default(0),
  shippingMinor: bigint('shipping_minor', { mode: 'number' }).notNull().default(0),
  paymentMethod: text('payment_method'),
  paymentStatus: text('payment_status', { enum: ['unpaid', 'paid', 'partially_refunded', 'refunded'] }).notNull().default('unpaid'),
  refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
  destination: jsonb('destination').$type<Destination>(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});

export interface Destination {
  latitude: number;
  longitude: number;
  address?: string;
  city?: string;
  country?: string;
}

export const orderLines = pgTable('order_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id').notNull(),
  merchantId: uuid('merchant_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  returnedQuantity: integer('returned_quantity').notNull().default(0),
});

export const carts = pgTable('carts', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id'),
  guestTokenHash: text('guest_token_hash'),
  channel: text('channel', { enum: ['web', 'app', 'pos'] }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  locationId: uuid('location_id'),
  openedBy: uuid('opened_by'),
  status: text('status', { enum: ['open', 'merged', 'converted', 'abandoned'] }).notNull().default('open'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cartLines = pgTable('cart_lines', {
  cartId: uuid('cart_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  quantity: integer('quantity').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.cartId, t.skuId] })]);

export const fulfilments = pgTable('fulfilments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id').notNull(),
  kind: text('kind', { enum: ['express_delivery', 'standard_shipping', 'store_pickup', 'partner_pickup', 'pos_takeaway', 'store_to_home'] }).notNull(),
  status: text('status').$type<import('./model.js').FulfilmentStatus>().notNull().default('pending'),
  sourceLocationId: uuid('source_location_id').notNull(),
  pickupLocationId: uuid('pickup_location_id'),
  destination: jsonb('destination').$type<Destination>(),
  slotStart: timestamp('slot_start', { withTimezone: true }),
  slotEnd: timestamp('slot_end', { withTimezone: true }),
  feeMinor: bigint('fee_minor', { mode: 'number' }).notNull().default(0),
  reservationId: uuid('reservation_id'),
  pickupBookingId: uuid('pickup_booking_id'),
  pickupCode: text('pickup_code'),
  failedCodeAttempts: integer('failed_code_attempts').notNull().default(0),
  receivedAt: timestamp('received_at', { withTimezone: true }),
  collectBy: timestamp('collect_by', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fulfilmentLines = pgTable('fulfilment_lines', {
  fulfilmentId: uuid('fulfilment_id').notNull(),
  orderLineId: uuid('order_line_id').notNull(),
  quantity: integer('quantity').notNull(),
  pickedQuantity: integer('picked_quantity'),
  substituteSkuId: uuid('substitute_sku_id'),
}, (t) => [primaryKey({ columns: [t.fulfilmentId, t.orderLineId] })]);

export const orderAudit = pgTable('order_audit', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orderId: uuid('order_id').notNull(),
  fulfilmentId: uuid('fulfilment_id'),
  actorAccountId: uuid('actor_account_id'),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const orderReturns = pgTable('order_returns', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id').notNull(),
  locationId: uuid('location_id').notNull(),
  acceptedBy: uuid('accepted_by'),
  refundTo: text('refund_to', { enum: ['original', 'wallet'] }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  reason: text('reason'),
  /** `store`: the shopper brought it back; `return_to_sender`: a parcel nobody collected. */
  kind: text('kind', { enum: ['store', 'return_to_sender'] }).notNull().default('store'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orderReturnLines = pgTable('order_return_lines', {
  returnId: uuid('return_id').notNull(),
  orderLineId: uuid('order_line_id').notNull(),
  quantity: integer('quantity').notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.returnId, t.orderLineId] })]);

export const deliverySlots = pgTable('delivery_slots', {
  locationId: uuid('location_id').notNull(),
  slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
  slotEnd: timestamp('slot_end', { withTimezone: true }).notNull(),
  capacity: integer('capacity').notNull(),
  booked: integer('booked').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locationId, t.slotStart] })]);
