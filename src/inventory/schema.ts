import { pgTable, uuid, text, timestamp, integer, bigint, primaryKey } from 'drizzle-orm/pg-core';

export const stockLevels = pgTable('stock_levels', {
  skuId: uuid('sku_id').notNull(),
  locationId: uuid('location_id').notNull(),
  onHand: integer('on_hand').notNull().default(0),
  reserved: integer('reserved').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.skuId, t.locationId] })]);

export const stockMovements = pgTable('stock_movements', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  skuId: uuid('sku_id').notNull(),
  locationId: uuid('location_id').notNull(),
  kind: text('kind', { enum: ['receipt', 'sale', 'return', 'adjustment', 'count', 'transfer', 'damage'] }).notNull(),
  quantity: integer('quantity').notNull(),
  onHandAfter: integer('on_hand_after').notNull(),
  reason: text('reason').notNull().default(''),
  reference: text('reference'),
  actorAccountId: uuid('actor_account_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reservations = pgTable('reservations', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  status: text('status', { enum: ['held', 'confirmed', 'released', 'expired'] }).notNull().default('held'),
  holderAccountId: uuid('holder_account_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  settledAt: timestamp('settled_at', { withTimezone: true }),
});

export const reservationLines = pgTable('reservation_lines', {
  reservationId: uuid('reservation_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  locationId: uuid('location_id').notNull(),
  quantity: integer('quantity').notNull(),
}, (t) => [primaryKey({ columns: [t.reservationId, t.skuId, t.locationId] })]);
