import { pgTable, uuid, text, timestamp, bigint, char, boolean, jsonb, numeric } from 'drizzle-orm/pg-core';

/** Tables of the payments domain (0500–0599). Invariants live in the migrations as CHECKs and triggers. */

export const LEDGER_ACCOUNT_KINDS = [
  'shopper_wallet', 'merchant_payable', 'platform_commission', 'provider_clearing', 'order_receipts', 'refunds', 'fx_position', 'merchant_payouts',
] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const PROVIDERS = ['wallet', 'card_sandbox', 'alipay'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const ledgerAccounts = pgTable('ledger_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
  ownerId: uuid('owner_id'),
  provider: text('provider', { enum: PROVIDERS }),
  currency: char('currency', { length: 3 }).notNull(),
  balanceMinor: bigint('balance_minor', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const journalEntries = pgTable('journal_entries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  referenceId: uuid('reference_id'),
  idempotencyKey: text('idempotency_key'),
  memo: text('memo'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const journalLines = pgTable('journal_lines', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull(),
  accountId: uuid('account_id').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const paymentIntents = pgTable('payment_intents', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null for a guest's card or Alipay payment. */
  accountId: uuid('account_id'),
  purpose: text('purpose', { enum: ['order', 'top_up'] }).notNull(),
  orderId: uuid('order_id'),
  provider: text('provider', { enum: PROVIDERS }).notNull(),
  captureMethod: text('capture_method', { enum: ['automatic', 'manual'] }).notNull().default('automatic'),
  currency: char('currency', { length: 3 }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  capturedMinor: bigint('captured_minor', { mode: 'number' }).notNull().default(0),
  refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
  status: text('status').notNull().default('created'),
  failureCode: text('failure_code'),
  providerReference: text('provider_reference'),
  idempotencyKey: text('idempotency_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Paid from a wallet in another currency: what left that wallet, and the conversion used. */
  walletCurrency: char('wallet_currency', { length: 3 }),
  walletAmountMinor: bigint('wallet_amount_minor', { mode: 'number' }),
  fxConversionId: uuid('fx_conversion_id'),
});

export const providerNotifications = pgTable('provider_notifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  provider: text('provider').notNull(),
  notificationId: text('notification_id').notNull(),
  intentId: uuid('intent_id'),
  signatureValid: boolean('signature_valid').notNull(),
  outcome: text('outcome', { enum: ['applied', 'duplicate', 'stale', 'rejected'] }).notNull(),
  detail: text('detail'),
  payload: jsonb('payload').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cardSandboxEvents = pgTable('card_sandbox_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  intentId: uuid('intent_id').notNull(),
  body: jsonb('body').notNull(),
  deliverAfter: timestamp('deliver_after', { withTimezone: true }).notNull().defaultNow(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
});

export const fxRates = pgTable('fx_rates', {
  id: uuid('id').primaryKey().defaultRandom(),
  base: char('base', { length: 3 }).notNull(),
  quote: char('quote', { length: 3 }).notNull(),
  rate: numeric('rate', { precision: 24, scale: 10 }).notNull(),
  effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fxConversions = pgTable('fx_conversions', {
  id: uuid('id').primaryKey().defaultRandom(),
  rateId: uuid('rate_id').notNull(),
  fromCurrency: char('from_currency', { length: 3 }).notNull(),
  toCurrency: char('to_currency', { length: 3 }).notNull(),
  fromMinor: bigint('from_minor', { mode: 'number' }).notNull(),
  toMinor: bigint('to_minor', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const settlementRuns = pgTable('settlement_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
  periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
  grossMinor: bigint('gross_minor', { mode: 'number' }).notNull(),
  commissionMinor: bigint('commission_minor', { mode: 'number' }).notNull(),
  netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
  entryId: bigint('entry_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const settlementPostings = pgTable('settlement_postings', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orderLineId: uuid('order_line_id').notNull(),
  orderId: uuid('order_id').notNull(),
  merchantId: uuid('merchant_id').notNull(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull(),
  orderCurrency: char('order_currency', { length: 3 }).notNull(),
  orderAmountMinor: bigint('order_amount_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  grossMinor: bigint('gross_minor', { mode: 'number' }).notNull(),
  commissionMinor: bigint('commission_minor', { mode: 'number' }).notNull(),
  netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
  fxRateId: uuid('fx_rate_id'),
  settlementRunId: uuid('settlement_run_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberDevices = pgTable('member_devices', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  number: bigint('number', { mode: 'number' }).notNull(),
  label: text('label').notNull(),
  secret: text('secret').notNull(),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
