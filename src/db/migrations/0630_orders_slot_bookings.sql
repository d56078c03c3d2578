-- A store pickup holds a booking in the location's pickup slot; keeping its id lets a
-- cancellation or expiry give the place back.
alter table fulfilments add column pickup_booking_id uuid references pickup_slot_bookings (id) on delete set null;
