import { pgTable, uuid, text, timestamp, integer, char } from 'drizzle-orm/pg-core';

export const merchants = pgTable('merchants', {
  id: uuid('id').primaryKey().defaultRandom(),
  legalName: text('legal_name').notNull(),
  country: char('country', { length: 2 }).notNull(),
  kind: text('kind', { enum: ['brand_owner', 'reseller'] }).notNull(),
  settlementCurrency: char('settlement_currency', { length: 3 }).notNull(),
  commissionBps: integer('commission_bps').notNull().default(1000),
  status: text('status', { enum: ['pending', 'active', 'suspended'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
