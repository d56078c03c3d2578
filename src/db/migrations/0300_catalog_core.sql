-- Core of the catalogue that inventory, orders and payments key on. The catalogue domain
-- extends these tables (brands, translations, categories, prices) in later 03xx files.
create table products (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  status text not null default 'draft' check (status in ('draft', 'active', 'archived')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_merchant_idx on products (merchant_id);

create table skus (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products (id),
  merchant_id uuid not null references merchants (id),
  sku_code text not null,
  barcode text check (barcode ~ '^[0-9]{13}$'),
  attributes jsonb not null default '{}',
  weight_grams integer not null default 0 check (weight_grams >= 0),
  created_at timestamptz not null default now(),
  constraint skus_merchant_code_key unique (merchant_id, sku_code)
);
create index skus_product_idx on skus (product_id);
create index skus_barcode_idx on skus (barcode);
