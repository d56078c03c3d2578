-- Locations as fulfilment nodes: active window (pop-ups), service flags, delivery radius,
-- pickup slot settings, opening hours with exceptions, and slot bookings whose capacity the
-- database enforces.
alter table locations
  add column partner_name text,
  add column active_from timestamptz,
  add column active_to timestamptz,
  add column ships_orders boolean not null default false,
  add column local_delivery boolean not null default false,
  add column delivery_radius_m integer not null default 3000 check (delivery_radius_m between 1 and 100000),
  add column offers_pickup boolean not null default false,
  add column pickup_slot_minutes integer not null default 30 check (pickup_slot_minutes between 5 and 480),
  add column pickup_slot_capacity integer not null default 4 check (pickup_slot_capacity between 0 and 10000),
  add column pickup_lead_minutes integer not null default 60 check (pickup_lead_minutes between 0 and 10080),
  add column accepts_returns boolean not null default false,
  add column archived_at timestamptz,
  add column updated_at timestamptz not null default now(),
  add constraint locations_active_window check (active_to is null or active_from is null or active_to > active_from),
  -- A pop-up exists only in its window, so it must have one.
  add constraint locations_popup_window check (kind <> 'popup' or (active_from is not null and active_to is not null)),
  add constraint locations_time_zone_format check (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$');

-- Built-in GiST on a point expression: bounding-box searches of nearby locations use the index
-- (no extension needed, so it works on PGlite and PostgreSQL alike).
create index locations_position_gist on locations using gist (point(longitude, latitude));

-- Weekly opening hours in the location's own time zone; several intervals a day are allowed.
create table location_opening_hours (
  location_id uuid not null references locations (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO: 1 = Monday
  opens_at time not null,
  closes_at time not null,
  primary key (location_id, weekday, opens_at),
  check (closes_at > opens_at)
);

-- A date that differs from the weekly pattern: closed (holiday) or special hours.
create table location_hours_exceptions (
  location_id uuid not null references locations (id) on delete cascade,
  on_date date not null,
  closed boolean not null,
  opens_at time,
  closes_at time,
  reason text not null default '',
  primary key (location_id, on_date),
  check (closed = (opens_at is null)),
  check (opens_at is null or (closes_at is not null and closes_at > opens_at))
);

-- One row per pickup slot that has bookings: the counter is what capacity is enforced on.
create table pickup_slots (
  location_id uuid not null references locations (id) on delete cascade,
  slot_start timestamptz not null,
  slot_end timestamptz not null,
  capacity integer not null check (capacity >= 0),
  booked integer not null default 0,
  primary key (location_id, slot_start),
  check (slot_end > slot_start),
  constraint pickup_slots_capacity check (booked >= 0 and booked <= capacity)
);

create table pickup_slot_bookings (
  id uuid primary key default gen_random_uuid(),
  location_id uuid not null,
  slot_start timestamptz not null,
  reference text not null,
  created_at timestamptz not null default now(),
  foreign key (location_id, slot_start) references pickup_slots (location_id, slot_start)
);
create index pickup_slot_bookings_slot_idx on pickup_slot_bookings (location_id, slot_start);
