-- Stock per SKU per location. The database guarantees what must never break: on-hand never
-- below zero, reserved never below zero nor above on-hand.
create table stock_levels (
  sku_id uuid not null references skus (id),
  location_id uuid not null references locations (id),
  on_hand integer not null default 0,
  reserved integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (sku_id, location_id),
  constraint stock_levels_on_hand_nonnegative check (on_hand >= 0),
  constraint stock_levels_reserved_range check (reserved >= 0 and reserved <= on_hand)
);
create index stock_levels_location_idx on stock_levels (location_id);

-- The journal: every change of on-hand, with who and why. Append-only.
create table stock_movements (
  id bigint generated always as identity primary key,
  sku_id uuid not null,
  location_id uuid not null,
  kind text not null check (kind in ('receipt', 'sale', 'return', 'adjustment', 'count', 'transfer', 'damage')),
  quantity integer not null, -- signed change of on-hand
  on_hand_after integer not null check (on_hand_after >= 0),
  reason text not null default '',
  reference text,
  actor_account_id uuid references accounts (id),
  created_at timestamptz not null default now(),
  foreign key (sku_id, location_id) references stock_levels (sku_id, location_id),
  check (kind = 'count' or quantity <> 0),
  check (kind not in ('receipt', 'return', 'sale', 'damage') or (kind in ('receipt', 'return') and quantity > 0) or (kind in ('sale', 'damage') and quantity < 0))
);
create index stock_movements_stock_idx on stock_movements (location_id, sku_id, id);

create or replace function stock_movements_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'stock_movements is append-only' using errcode = '55000';
end $$;
create trigger stock_movements_append_only before update or delete on stock_movements
  for each row execute function stock_movements_append_only();

-- A hold on units for a cart or an order, until it is confirmed (sold), released or expires.
create table reservations (
  id uuid primary key default gen_random_uuid(),
  reference text not null,
  status text not null default 'held' check (status in ('held', 'confirmed', 'released', 'expired')),
  holder_account_id uuid,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  check ((status = 'held') = (settled_at is null))
);
create index reservations_expiry_idx on reservations (expires_at) where status = 'held';
create index reservations_reference_idx on reservations (reference);

create table reservation_lines (
  reservation_id uuid not null references reservations (id),
  sku_id uuid not null,
  location_id uuid not null,
  quantity integer not null check (quantity > 0),
  primary key (reservation_id, sku_id, location_id),
  foreign key (sku_id, location_id) references stock_levels (sku_id, location_id)
);
