create table locations (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('store', 'warehouse', 'bonded_warehouse', 'popup', 'corner', 'partner_pickup_point')),
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  address text not null,
  city text not null,
  country char(2) not null,
  time_zone text not null,
  created_at timestamptz not null default now()
);
