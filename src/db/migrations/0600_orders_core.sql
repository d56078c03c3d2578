-- The agreed shape of orders that other domains read (launch-programme GMV, analytics,
-- settlement): an order per checkout, lines per merchant and SKU, amounts in minor units.
-- The orders domain extends these (fulfilments, state machines) in later 06xx files.
create table orders (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references accounts (id),
  channel text not null check (channel in ('web', 'app', 'pos')),
  status text not null default 'pending_payment',
  currency char(3) not null,
  total_minor bigint not null check (total_minor >= 0),
  placed_at timestamptz not null default now(),
  paid_at timestamptz
);
create index orders_account_idx on orders (account_id, placed_at desc);

create table order_lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id),
  merchant_id uuid not null references merchants (id),
  sku_id uuid not null references skus (id),
  quantity integer not null check (quantity > 0),
  unit_price_minor bigint not null check (unit_price_minor >= 0),
  amount_minor bigint not null check (amount_minor >= 0),
  currency char(3) not null,
  -- What has been refunded of this line so far; never more than the line's amount.
  refunded_minor bigint not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
  paid_at timestamptz
);
create index order_lines_merchant_paid_idx on order_lines (merchant_id, paid_at);
create index order_lines_order_idx on order_lines (order_id);
