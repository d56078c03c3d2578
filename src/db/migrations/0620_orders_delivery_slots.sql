-- Express delivery from a store runs in 30-minute slots with a courier capacity per slot.
-- A row per slot is created on first booking; the CHECK makes overbooking impossible even
-- when many checkouts book the last place at once.
create table delivery_slots (
  location_id uuid not null references locations (id),
  slot_start timestamptz not null,
  slot_end timestamptz not null,
  capacity integer not null check (capacity > 0),
  booked integer not null default 0,
  primary key (location_id, slot_start),
  constraint delivery_slots_within_capacity check (booked >= 0 and booked <= capacity)
);
