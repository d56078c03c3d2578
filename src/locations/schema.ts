import { pgTable, uuid, text, timestamp, char, doublePrecision, boolean, integer, smallint, time, date, primaryKey } from 'drizzle-orm/pg-core';

export const locations = pgTable('locations', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['store', 'warehouse', 'bonded_warehouse', 'popup', 'corner', 'partner_pickup_point'] }).notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  address: text('address').notNull(),
  city: text('city').notNull(),
  country: char('country', { length: 2 }).notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // 0400: fulfilment node settings
  partnerName: text('partner_name'),
  activeFrom: timestamp('active_from', { withTimezone: true }),
  activeTo: timestamp('active_to', { withTimezone: true }),
  shipsOrders: boolean('ships_orders').notNull().default(false),
  localDelivery: boolean('local_delivery').notNull().default(false),
  deliveryRadiusM: integer('delivery_radius_m').notNull().default(3000),
  offersPickup: boolean('offers_pickup').notNull().default(false),
  pickupSlotMinutes: integer('pickup_slot_minutes').notNull().default(30),
  pickupSlotCapacity: integer('pickup_slot_capacity').notNull().default(4),
  pickupLeadMinutes: integer('pickup_lead_minutes').notNull().default(60),
  acceptsReturns: boolean('accepts_returns').notNull().default(false),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const locationOpeningHours = pgTable('location_opening_hours', {
  locationId: uuid('location_id').notNull(),
  weekday: smallint('weekday').notNull(),
  opensAt: time('opens_at').notNull(),
  closesAt: time('closes_at').notNull(),
}, (t) => [primaryKey({ columns: [t.locationId, t.weekday, t.opensAt] })]);

export const locationHoursExceptions = pgTable('location_hours_exceptions', {
  locationId: uuid('location_id').notNull(),
  onDate: date('on_date', { mode: 'string' }).notNull(),
  closed: boolean('closed').notNull(),
  opensAt: time('opens_at'),
  closesAt: time('closes_at'),
  reason: text('reason').notNull().default(''),
}, (t) => [primaryKey({ columns: [t.locationId, t.onDate] })]);

export const pickupSlots = pgTable('pickup_slots', {
  locationId: uuid('location_id').notNull(),
  slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
  slotEnd: timestamp('slot_end', { withTimezone: true }).notNull(),
  capacity: integer('capacity').notNull(),
  booked: integer('booked').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locationId, t.slotStart] })]);

export const pickupSlotBookings = pgTable('pickup_slot_bookings', {
  id: uuid('id').primaryKey().defaultRandom(),
  locationId: uuid('location_id').notNull(),
  slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
  reference: text('reference').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
