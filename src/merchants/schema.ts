import { pgTable, uuid, text, timestamp, integer, char, date, jsonb, bigint, bigserial } from 'drizzle-orm/pg-core';

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

export type LocalisedText = Partial<Record<'es' | 'it' | 'en' | 'zh', string>>;

export const storefronts = pgTable('storefronts', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  logoUrl: text('logo_url'),
  description: jsonb('description').$type<LocalisedText>().notNull().default({}),
  status: text('status', { enum: ['draft', 'live', 'closed'] }).notNull().default('draft'),
  liveAt: timestamp('live_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pavilions = pgTable('pavilions', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: jsonb('name').$type<LocalisedText>().notNull(),
  description: jsonb('description').$type<LocalisedText>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pavilionStorefronts = pgTable('pavilion_storefronts', {
  pavilionId: uuid('pavilion_id').notNull(),
  storefrontId: uuid('storefront_id').notNull(),
  position: integer('position').notNull().default(0),
});

export const brands = pgTable('brands', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  ownerMerchantId: uuid('owner_merchant_id').notNull(),
  trademarkNumber: text('trademark_number').notNull(),
  trademarkOffice: text('trademark_office').notNull(),
  trademarkClasses: integer('trademark_classes').array().notNull().default([]),
  trademarkExpiresOn: date('trademark_expires_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const brandAuthorisations = pgTable('brand_authorisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  brandId: uuid('brand_id').notNull(),
  merchantId: uuid('merchant_id').notNull(),
  /** Free-text note on which products the authorisation covers. */
  scope: text('scope').notNull().default('all products'),
  /** ISO 3166-1 alpha-2 countries where the reseller may sell the brand; null: everywhere. */
  territories: text('territories').array(),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
  validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  grantedBy: uuid('granted_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface ClaimedBrand {
  name: string;
  slug: string;
  trademarkNumber: string;
  trademarkOffice: string;
  trademarkClasses: number[];
  trademarkExpiresOn: string;
}

export const onboardingApplications = pgTable('onboarding_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  status: text('status').$type<import('./model.js').OnboardingStatus>().notNull().default('draft'),
  company: jsonb('company').$type<Record<string, string>>().notNull(),
  claimedBrands: jsonb('claimed_brands').$type<ClaimedBrand[]>().notNull().default([]),
  storefrontId: uuid('storefront_id'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }),
  stageTimes: jsonb('stage_times').$type<Record<string, string>>().notNull().default({}),
  lastReason: text('last_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const onboardingDocuments = pgTable('onboarding_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  kind: text('kind', { enum: ['trademark_certificate', 'business_licence', 'brand_authorisation', 'other'] }).notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const onboardingEvents = pgTable('onboarding_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  applicationId: uuid('application_id').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  reason: text('reason'),
  actorAccountId: uuid('actor_account_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export interface ProgrammeFxRate { from: string; rate: string }

export const launchProgrammes = pgTable('launch_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  storefrontId: uuid('storefront_id').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  targetMinor: bigint('target_minor', { mode: 'number' }).notNull(),
  targetCurrency: char('target_currency', { length: 3 }).notNull(),
  fxRates: jsonb('fx_rates').$type<ProgrammeFxRate[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ipComplaints = pgTable('ip_complaints', {
  id: uuid('id').primaryKey().defaultRandom(),
  productId: uuid('product_id').notNull(),
  brandId: uuid('brand_id').notNull(),
  complainantMerchantId: uuid('complainant_merchant_id').notNull(),
  respondentMerchantId: uuid('respondent_merchant_id').notNull(),
  reason: text('reason').notNull(),
  evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
  status: text('status').$type<import('./model.js').ComplaintStatus>().notNull().default('suspended'),
  counterNotice: text('counter_notice'),
  counterNoticeDueAt: timestamp('counter_notice_due_at', { withTimezone: true }).notNull(),
  decisionReason: text('decision_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ipComplaintEvents = pgTable('ip_complaint_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  complaintId: uuid('complaint_id').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  detail: text('detail'),
  actorAccountId: uuid('actor_account_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
