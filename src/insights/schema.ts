import { pgTable, bigint, text, timestamp, uuid, integer, jsonb, boolean, char, primaryKey, doublePrecision } from 'drizzle-orm/pg-core';

/** Tables of the insights domain only (migration 1450). Analytical reads are plain SQL in the services. */

export const insightsEvents = pgTable('insights_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind', { enum: ['product_view', 'search', 'cart_add', 'checkout_started'] }).notNull(),
  channel: text('channel', { enum: ['web', 'app', 'till', 'partner'] }).notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  accountId: uuid('account_id'),
  visitorKey: text('visitor_key'),
  merchantId: uuid('merchant_id'),
  locationId: uuid('location_id'),
  productId: uuid('product_id'),
  skuId: uuid('sku_id'),
  query: text('query'),
  resultCount: integer('result_count'),
  quantity: integer('quantity'),
});

export const insightsCustomerRefs = pgTable('insights_customer_refs', {
  merchantId: uuid('merchant_id').notNull(),
  externalRef: text('external_ref').notNull(),
  accountId: uuid('account_id').notNull(),
}, (t) => [primaryKey({ columns: [t.merchantId, t.externalRef] })]);

export const insightsOrders = pgTable('insights_orders', {
  orderKey: text('order_key').primaryKey(),
  source: text('source', { enum: ['live', 'import'] }).notNull(),
  accountId: uuid('account_id'),
  channel: text('channel').notNull(),
  locationId: uuid('location_id'),
  currency: char('currency', { length: 3 }).notNull(),
  totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
  status: text('status', { enum: ['placed', 'paid', 'cancelled'] }).notNull(),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const insightsOrderLines = pgTable('insights_order_lines', {
  orderKey: text('order_key').notNull(),
  lineNo: integer('line_no').notNull(),
  accountId: uuid('account_id'),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  skuId: uuid('sku_id').notNull(),
  merchantId: uuid('merchant_id').notNull(),
  categoryId: uuid('category_id'),
  quantity: integer('quantity').notNull(),
  unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
}, (t) => [primaryKey({ columns: [t.orderKey, t.lineNo] })]);

export const insightsRefunds = pgTable('insights_refunds', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sourceEventId: uuid('source_event_id').notNull(),
  orderKey: text('order_key').notNull(),
  merchantId: uuid('merchant_id'),
  kind: text('kind', { enum: ['return', 'short_pick', 'cancellation'] }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull(),
});

export const insightsModelRuns = pgTable('insights_model_runs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind', { enum: ['full', 'incremental'] }).notNull(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  orderLines: integer('order_lines').notNull(),
  customers: integer('customers').notNull().default(0),
  rebuy: doublePrecision('rebuy').notNull().default(0),
  weights: jsonb('weights'),
  seconds: doublePrecision('seconds').notNull(),
  trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
});

export const insightsOffers = pgTable('insights_offers', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id'),
  code: text('code').notNull(),
  title: text('title').notNull(),
  kind: text('kind', { enum: ['percent', 'amount'] }).notNull(),
  value: integer('value').notNull(),
  currency: char('currency', { length: 3 }),
  segment: jsonb('segment').notNull(),
  controlPercent: integer('control_percent').notNull(),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
  validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const insightsOfferRecipients = pgTable('insights_offer_recipients', {
  offerId: uuid('offer_id').notNull(),
  accountId: uuid('account_id').notNull(),
  control: boolean('control').notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  redeemedOrderKey: text('redeemed_order_key'),
  redeemedLocationId: uuid('redeemed_location_id'),
}, (t) => [primaryKey({ columns: [t.offerId, t.accountId] })]);
