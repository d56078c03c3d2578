-- The catalogue around the core products/skus (0300): brands on products, categories,
-- translations, images, price lists with B2B tiers, and the search documents.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table categories (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references categories (id),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- { "es": "Bolsos", "it": "Borse", "en": "Bags", "zh": "包袋" }
  name jsonb not null,
  constraint categories_not_own_parent check (parent_id is null or parent_id <> id)
);
create index categories_parent_idx on categories (parent_id);

alter table products add column product_code text;
alter table products add column brand_id uuid references brands (id);
alter table products add column category_id uuid references categories (id);
-- Set by an IP complaint: a suspended or removed listing is neither visible nor purchasable.
alter table products add column takedown text check (takedown in ('suspended', 'removed'));
update products set product_code = id::text where product_code is null;
alter table products alter column product_code set not null;
alter table products add constraint products_merchant_code_key unique (merchant_id, product_code);
create index products_brand_idx on products (brand_id);

create table product_translations (
  product_id uuid not null references products (id) on delete cascade,
  locale text not null check (locale in ('es', 'it', 'en', 'zh')),
  title text not null check (length(title) between 1 and 300),
  description text not null default '',
  primary key (product_id, locale)
);

create table product_images (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products (id) on delete cascade,
  url text not null check (url ~ '^https?://'),
  position integer not null default 0,
  alt text not null default ''
);
create unique index product_images_position_key on product_images (product_id, position);

-- A merchant's price lists: one retail list per currency, and wholesale lists for business
-- buyers assigned to them.
create table price_lists (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  code text not null check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  kind text not null check (kind in ('retail', 'wholesale')),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  constraint price_lists_merchant_code_key unique (merchant_id, code)
);
create unique index price_lists_one_retail_per_currency on price_lists (merchant_id, currency) where kind = 'retail';

create table price_list_accounts (
  price_list_id uuid not null references price_lists (id) on delete cascade,
  account_id uuid not null references accounts (id),
  primary key (price_list_id, account_id)
);
create index price_list_accounts_account_idx on price_list_accounts (account_id);

-- A SKU on a list, with its minimum order quantity.
create table price_list_items (
  price_list_id uuid not null references price_lists (id) on delete cascade,
  sku_id uuid not null references skus (id),
  moq integer not null default 1 check (moq >= 1),
  primary key (price_list_id, sku_id)
);
create index price_list_items_sku_idx on price_list_items (sku_id);

-- Unit price from a quantity upward; a list item has a tier at its MOQ (checked by the service).
create table price_tiers (
  price_list_id uuid not null,
  sku_id uuid not null,
  min_quantity integer not null check (min_quantity >= 1),
  unit_amount_minor bigint not null check (unit_amount_minor >= 0),
  primary key (price_list_id, sku_id, min_quantity),
  foreign key (price_list_id, sku_id) references price_list_items (price_list_id, sku_id) on delete cascade
);

-- One search document per product, rebuilt by the service whenever the product, its
-- translations, SKUs or retail prices change. unaccent is not immutable, so the vectors are
-- computed at write time instead of in generated columns.
create table product_search (
  product_id uuid primary key references products (id) on delete cascade,
  merchant_id uuid not null,
  brand_id uuid,
  category_id uuid,
  created_at timestamptz not null,
  tsv_es tsvector not null,
  tsv_it tsvector not null,
  tsv_en tsvector not null,
  tsv_simple tsvector not null,
  -- Lower-cased, accent-folded Latin text (titles, brand, codes) for trigram typo tolerance.
  latin_text text not null,
  -- Chinese text and its 1- and 2-character grams, so any substring of 2+ characters is found.
  cjk_text text not null,
  cjk_grams text[] not null,
  -- Lowest retail unit price per currency: { "EUR": 129000, "CNY": 990000 }.
  retail_from jsonb not null default '{}'
);
create index product_search_es_idx on product_search using gin (tsv_es);
create index product_search_it_idx on product_search using gin (tsv_it);
create index product_search_en_idx on product_search using gin (tsv_en);
create index product_search_simple_idx on product_search using gin (tsv_simple);
create index product_search_latin_trgm_idx on product_search using gin (latin_text gin_trgm_ops);
create index product_search_cjk_idx on product_search using gin (cjk_grams);
create index product_search_brand_idx on product_search (brand_id);
create index product_search_category_idx on product_search (category_id);
