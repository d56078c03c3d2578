-- Insights: an analytical copy of what every channel did, owned by the insights domain and fed
-- by the outbox (orders, payments, returns), by a batched writer (views, searches, cart adds)
-- and by the order-history import. Other domains' tables are never read from here.

-- Analysts read figures across merchants but change nothing else.
alter table accounts drop constraint accounts_role_check;
alter table accounts add constraint accounts_role_check check (role in ('shopper', 'merchant', 'associate', 'operator', 'analyst'));

-- Behaviour that is not an order: product views, searches, cart adds, checkouts started.
create table insights_events (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('product_view', 'search', 'cart_add', 'checkout_started')),
  channel text not null check (channel in ('web', 'app', 'till', 'partner')),
  occurred_at timestamptz not null,
  account_id uuid,
  visitor_key text,
  merchant_id uuid,
  location_id uuid,
  product_id uuid,
  sku_id uuid,
  query text,
  result_count integer check (result_count >= 0),
  quantity integer check (quantity > 0)
);
create index insights_events_time_idx on insights_events (occurred_at);
create index insights_events_account_idx on insights_events (account_id, occurred_at) where account_id is not null;

-- An imported customer reference (per merchant whose history it is) and the profile it became.
create table insights_customer_refs (
  merchant_id uuid not null,
  external_ref text not null,
  account_id uuid not null,
  primary key (merchant_id, external_ref)
);
create unique index insights_customer_refs_account_key on insights_customer_refs (account_id);

-- One row per order, live (order id as key) or imported ('import:<merchant>:<order_id>').
create table insights_orders (
  order_key text primary key,
  source text not null check (source in ('live', 'import')),
  account_id uuid,
  channel text not null check (channel in ('web', 'app', 'till', 'partner', 'import')),
  location_id uuid,
  currency char(3) not null,
  total_minor bigint not null check (total_minor >= 0),
  status text not null check (status in ('placed', 'paid', 'cancelled')),
  placed_at timestamptz not null,
  updated_at timestamptz not null default now()
);
create index insights_orders_placed_idx on insights_orders (placed_at);
create index insights_orders_account_idx on insights_orders (account_id, placed_at) where account_id is not null;

-- Lines carry the order's customer, status-independent time and currency so that analytics and
-- model training read one table.
create table insights_order_lines (
  -- No foreign key and one index: an import writes lines with their orders in one transaction,
  -- and a per-row check or extra index costs it more than everything else together. A shopper's
  -- lines are found through insights_orders' account index.
  order_key text not null,
  line_no integer not null,
  account_id uuid,
  placed_at timestamptz not null,
  sku_id uuid not null,
  merchant_id uuid not null,
  category_id uuid,
  quantity integer not null check (quantity > 0),
  -- null: the price is unknown (imported with unit_price_minor 0)
  unit_price_minor bigint check (unit_price_minor >= 0),
  amount_minor bigint not null check (amount_minor >= 0),
  currency char(3) not null,
  primary key (order_key, line_no)
);

-- Money given back: returns, short picks, cancellations after payment.
create table insights_refunds (
  id bigint generated always as identity primary key,
  source_event_id uuid not null unique,
  order_key text not null,
  merchant_id uuid,
  kind text not null check (kind in ('return', 'short_pick', 'cancellation')),
  amount_minor bigint not null check (amount_minor >= 0),
  currency char(3) not null,
  refunded_at timestamptz not null
);
create index insights_refunds_time_idx on insights_refunds (refunded_at);

-- Outbox events already applied (the bus delivers at least once).
create table insights_applied_events (
  event_id uuid primary key,
  applied_at timestamptz not null default now()
);

-- Recommendation model: raw counts, so that one new order adds to them (incremental) and a full
-- training replaces them. Scores are derived from counts when the model is loaded.
create table insights_item_stats (
  sku_id uuid primary key,
  orders integer not null,
  customers integer not null,
  -- customers who bought it and ordered again later; how many of them bought it again
  eligible integer not null default 0,
  repeaters integer not null default 0
);
create table insights_item_pairs (
  sku_id uuid not null,
  other_sku_id uuid not null,
  together integer not null,
  primary key (sku_id, other_sku_id)
);
create table insights_item_next (
  sku_id uuid not null,
  next_sku_id uuid not null,
  followed integer not null,
  primary key (sku_id, next_sku_id)
);
create table insights_model_runs (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('full', 'incremental')),
  as_of timestamptz not null,
  order_lines integer not null,
  customers integer not null default 0,
  rebuy double precision not null default 0,
  weights jsonb,
  seconds double precision not null,
  trained_at timestamptz not null default now()
);

-- Targeted offers: a code sent to a segment, with a held-out control group that is not sent it.
create table insights_offers (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid,
  code text not null unique check (code ~ '^[A-Z0-9-]{4,32}$'),
  title text not null,
  kind text not null check (kind in ('percent', 'amount')),
  value integer not null check (value > 0),
  currency char(3),
  segment jsonb not null,
  control_percent integer not null check (control_percent between 0 and 90),
  valid_from timestamptz not null,
  valid_to timestamptz not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  constraint insights_offers_window check (valid_to > valid_from),
  constraint insights_offers_amount_currency check ((kind = 'amount') = (currency is not null)),
  constraint insights_offers_percent check (kind <> 'percent' or value <= 100)
);
create table insights_offer_recipients (
  offer_id uuid not null references insights_offers (id) on delete cascade,
  account_id uuid not null,
  control boolean not null,
  redeemed_at timestamptz,
  redeemed_order_key text,
  redeemed_location_id uuid,
  primary key (offer_id, account_id)
);
create index insights_offer_recipients_account_idx on insights_offer_recipients (account_id);
