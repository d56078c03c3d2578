-- Carts: a guest cart is found by a token (stored hashed); on sign-in it merges into the
-- account's open cart. A till basket is a cart with channel 'pos' at a location.
create table carts (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references accounts (id),
  guest_token_hash text unique,
  channel text not null check (channel in ('web', 'app', 'pos')),
  currency char(3) not null,
  location_id uuid references locations (id),
  opened_by uuid references accounts (id),
  status text not null default 'open' check (status in ('open', 'merged', 'converted', 'abandoned')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint carts_owner check (account_id is not null or guest_token_hash is not null or channel = 'pos'),
  constraint carts_pos_location check ((channel = 'pos') = (location_id is not null))
);
-- One open online cart per account and channel.
create unique index carts_open_per_account on carts (account_id, channel) where status = 'open' and channel <> 'pos';

create table cart_lines (
  cart_id uuid not null references carts (id) on delete cascade,
  sku_id uuid not null references skus (id),
  quantity integer not null check (quantity > 0 and quantity <= 999),
  added_at timestamptz not null default now(),
  primary key (cart_id, sku_id)
);

alter table orders
  add column cart_id uuid references carts (id),
  add column location_id uuid references locations (id),
  add column subtotal_minor bigint not null default 0 check (subtotal_minor >= 0),
  add column shipping_minor bigint not null default 0 check (shipping_minor >= 0),
  add column payment_method text,
  add column payment_status text not null default 'unpaid' check (payment_status in ('unpaid', 'paid', 'partially_refunded', 'refunded')),
  add column refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  add column destination jsonb,
  add column cancelled_at timestamptz,
  add constraint orders_status_known check (status in ('pending_payment', 'paid', 'fulfilling', 'completed', 'cancelled')),
  add constraint orders_refund_within_total check (refunded_minor <= total_minor);
-- One order per cart: a retried checkout cannot create a second one.
create unique index orders_cart_key on orders (cart_id) where cart_id is not null;

create table fulfilments (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id),
  kind text not null check (kind in ('express_delivery', 'standard_shipping', 'store_pickup', 'partner_pickup', 'pos_takeaway', 'store_to_home')),
  status text not null default 'pending' check (status in ('pending', 'picking', 'packed', 'ready_for_pickup', 'out_for_delivery', 'shipped',
    'in_transit_to_partner', 'received_at_partner', 'delivered', 'picked_up', 'returned_to_sender', 'cancelled')),
  source_location_id uuid not null references locations (id),
  -- Where the shopper collects (store pickup: the source store; partner pickup: the partner desk).
  pickup_location_id uuid references locations (id),
  destination jsonb,
  slot_start timestamptz,
  slot_end timestamptz,
  fee_minor bigint not null default 0 check (fee_minor >= 0),
  reservation_id uuid,
  pickup_code text check (pickup_code ~ '^[0-9]{6}$'),
  failed_code_attempts integer not null default 0 check (failed_code_attempts >= 0),
  received_at timestamptz,
  collect_by timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index fulfilments_order_idx on fulfilments (order_id);
create index fulfilments_source_queue_idx on fulfilments (source_location_id, status, slot_start);
create index fulfilments_pickup_queue_idx on fulfilments (pickup_location_id, status);

create table fulfilment_lines (
  fulfilment_id uuid not null references fulfilments (id),
  order_line_id uuid not null references order_lines (id),
  quantity integer not null check (quantity > 0),
  picked_quantity integer check (picked_quantity >= 0 and picked_quantity <= quantity),
  substitute_sku_id uuid references skus (id),
  primary key (fulfilment_id, order_line_id)
);

-- Every transition of an order or fulfilment: who, when, what.
create table order_audit (
  id bigint generated always as identity primary key,
  order_id uuid not null references orders (id),
  fulfilment_id uuid references fulfilments (id),
  actor_account_id uuid references accounts (id),
  action text not null,
  from_status text,
  to_status text,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index order_audit_order_idx on order_audit (order_id, id);

create table order_returns (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id),
  location_id uuid not null references locations (id),
  accepted_by uuid references accounts (id),
  refund_to text not null check (refund_to in ('original', 'wallet')),
  amount_minor bigint not null check (amount_minor >= 0),
  currency char(3) not null,
  reason text,
  created_at timestamptz not null default now()
);

create table order_return_lines (
  return_id uuid not null references order_returns (id),
  order_line_id uuid not null references order_lines (id),
  quantity integer not null check (quantity > 0),
  amount_minor bigint not null check (amount_minor >= 0),
  primary key (return_id, order_line_id)
);

alter table order_lines
  add column returned_quantity integer not null default 0,
  add constraint order_lines_returned_within check (returned_quantity >= 0 and returned_quantity <= quantity);
