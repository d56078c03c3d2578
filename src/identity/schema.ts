import { pgTable, uuid, text, timestamp, integer, char } from 'drizzle-orm/pg-core';

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['shopper', 'merchant', 'associate', 'operator', 'analyst'] }).notNull(),
  merchantId: uuid('merchant_id'),
  locationId: uuid('location_id'),
  locale: text('locale', { enum: ['es', 'it', 'en', 'zh'] }).notNull().default('en'),
  /** Preferred currency for prices; null follows the language's default. */
  currency: char('currency', { length: 3 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: uuid('account_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  clientIp: text('client_ip'),
  userAgent: text('user_agent'),
});

export const loginThrottle = pgTable('login_throttle', {
  scope: text('scope', { enum: ['account', 'ip'] }).notNull(),
  key: text('key').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  failures: integer('failures').notNull().default(0),
});
