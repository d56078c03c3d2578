import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, jsonb, bigint, char } from 'drizzle-orm/pg-core';

export type CatalogLocale = 'es' | 'it' | 'en' | 'zh';

export const products = pgTable('products', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  productCode: text('product_code').notNull().default(sql`gen_random_uuid()::text`),
  brandId: uuid('brand_id'),
  categoryId: uuid('category_id'),
  status: text('status', { enum: ['draft', 'active', 'archived'] }).notNull().default('draft'),
  /** Set by an IP complaint: suspended or removed listings are neither visible nor purchasable. */
  takedown: text('takedown', { enum: ['suspended', 'removed'] }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const skus = pgTable('skus', {
  id: uuid('id').primaryKey().defaultRandom(),
  productId: uuid('product_id').notNull(),
  merchantId: uuid('merchant_id').notNull(),
  skuCode: text('sku_code').notNull(),
  barcode: text('barcode'),
  attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
  weightGrams: integer('weight_grams').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id'),
  slug: text('slug').notNull(),
  name: jsonb('name').$type<Partial<Record<CatalogLocale, string>>>().notNull(),
});

export const productTranslations = pgTable('product_translations', {
  productId: uuid('product_id').notNull(),
  locale: text('locale').$type<CatalogLocale>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
});

export const productImages = pgTable('product_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  productId: uuid('product_id').notNull(),
  url: text('url').notNull(),
  position: integer('position').notNull().default(0),
  alt: text('alt').notNull().default(''),
});

export const priceLists = pgTable('price_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['retail', 'wholesale'] }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const priceListAccounts = pgTable('price_list_accounts', {
  priceListId: uuid('price_list_id').notNull(),
  accountId: uuid('account_id').notNull(),
});

export const priceListItems = pgTable('price_list_items', {
  priceListId: uuid('price_list_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  moq: integer('moq').notNull().default(1),
});

export const priceTiers = pgTable('price_tiers', {
  priceListId: uuid('price_list_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  minQuantity: integer('min_quantity').notNull(),
  unitAmountMinor: bigint('unit_amount_minor', { mode: 'number' }).notNull(),
});
