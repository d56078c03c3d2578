import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { OPTIONAL_AUTH, PUBLIC, allow } from '../http/auth.js';
import { CountryCode, IdParam, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import {
  archiveLocation, bookPickupSlot, createLocation, getLocation, getOpeningHours, listLocations, nearbyLocations,
  pickupSlotAvailability, releasePickupSlot, setOpeningHours, updateLocation, type LocationChanges,
} from './service.js';
import { LOCATION_KINDS } from './model.js';

const Kind = Type.Union(LOCATION_KINDS.map((k) => Type.Literal(k)));
const WallTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local wall-clock time HH:MM' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Local date YYYY-MM-DD' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

const Location = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), kind: Type.String(), latitude: Type.Number(), longitude: Type.Number(),
  address: Type.String(), city: Type.String(), country: Type.String(), timeZone: Type.String(), createdAt: Timestamp,
  partnerName: Type.Union([Type.String(), Type.Null()]), activeFrom: NullableTimestamp, activeTo: NullableTimestamp,
  shipsOrders: Type.Boolean(), localDelivery: Type.Boolean(), deliveryRadiusM: Type.Integer(), offersPickup: Type.Boolean(),
  pickupSlotMinutes: Type.Integer(), pickupSlotCapacity: Type.Integer(), pickupLeadMinutes: Type.Integer(), acceptsReturns: Type.Boolean(),
  archivedAt: NullableTimestamp,
}, { $id: 'Location' });

/** The settings an operator may set; all optional on PATCH. */
const settings = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Kind,
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  address: Type.String({ minLength: 1, maxLength: 500 }),
  city: Type.String({ minLength: 1, maxLength: 200 }),
  country: CountryCode,
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Madrid' }),
  partnerName: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  activeFrom: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  activeTo: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  shipsOrders: Type.Boolean(),
  localDelivery: Type.Boolean(),
  deliveryRadiusM: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Local delivery radius in metres (default 3000)' }),
  offersPickup: Type.Boolean(),
  pickupSlotMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  pickupSlotCapacity: Type.Integer({ minimum: 0, maximum: 10_000 }),
  pickupLeadMinutes: Type.Integer({ minimum: 0, maximum: 10_080 }),
  acceptsReturns: Type.Boolean(),
};
const optional = <T extends Record<string, any>>(props: T) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };

const OpeningHours = Type.Object({
  weekly: Type.Array(Strict({ weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }), opens: WallTime, closes: WallTime }), { maxItems: 50 }),
  exceptions: Type.Array(Strict({
    date: IsoDate, closed: Type.Boolean(), opens: Type.Optional(Type.Union([WallTime, Type.Null()])), closes: Type.Optional(Type.Union([WallTime, Type.Null()])),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  }), { maxItems: 400 }),
}, { additionalProperties: false });

const Slot = Type.Object({ start: Timestamp, end: Timestamp, capacity: Type.Integer(), booked: Type.Integer(), remaining: Type.Integer() });
const Booking = Type.Object({ id: Uuid, locationId: Uuid, slotStart: Timestamp, slotEnd: Timestamp, reference: Type.String(), createdAt: Timestamp });

const dates = (body: { activeFrom?: string | null; activeTo?: string | null }) => ({
  ...(body.activeFrom !== undefined ? { activeFrom: body.activeFrom === null ? null : new Date(body.activeFrom) } : {}),
  ...(body.activeTo !== undefined ? { activeTo: body.activeTo === null ? null : new Date(body.activeTo) } : {}),
});

export const locationRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(Location);
  const tags = ['locations'];
  const security = [{ bearer: [] }];
  const LocationRef = Type.Ref('Location');

  app.get('/v1/locations', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'listLocations',
      tags, summary: 'Live stores, warehouses and pickup points (operators may add include_inactive=true)',
      querystring: Strict({ include_inactive: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(LocationRef) }) },
    },
  }, async (request) => ({
    items: await listLocations(database.db, { includeInactive: request.query.include_inactive === true && request.principal?.role === 'operator' }),
  }));

  app.get('/v1/locations/nearby', {
    config: { access: PUBLIC },
    schema: { operationId: 'listNearbyLocations',
      tags, summary: 'Live locations within a radius of a point, nearest first, with stock of the given SKUs',
      querystring: Strict({
        lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }),
        radius_km: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
        sku: Type.Optional(Type.Array(Uuid, { maxItems: 50, description: 'SKU ids (repeat the parameter)' })),
        kind: Type.Optional(Type.Array(Kind, { maxItems: 6 })),
        in_stock: Type.Optional(Type.Boolean({ description: 'Only locations with every SKU available' })),
        at: Type.Optional(Type.String({ format: 'date-time', description: 'Instant to evaluate pop-up windows at (default now)' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            location: LocationRef, distanceMetres: Type.Integer(), deliversHere: Type.Boolean(), hasAllSkus: Type.Boolean(),
            stock: Type.Array(Type.Object({ skuId: Uuid, available: Type.Integer() })),
          })),
        }),
        ...problems(400),
      },
    },
  }, async (request) => {
    const q = request.query;
    return {
      items: await nearbyLocations(database.db, {
        lat: q.lat, lon: q.lon, radiusKm: q.radius_km, skuIds: q.sku, kinds: q.kind, inStockOnly: q.in_stock, limit: q.limit,
        at: q.at ? new Date(q.at) : undefined,
      }),
    };
  });

  app.get('/v1/locations/:locationId', {
    config: { access: PUBLIC },
    schema: { operationId: 'getLocation', tags, summary: 'One location', params: IdParam('locationId'), response: { 200: LocationRef, ...problems(400, 404) } },
  }, async (request) => getLocation(database.db, request.params.locationId));

  app.post('/v1/locations', {
    config: { access: allow('operator') },
    schema: { operationId: 'createLocation',
      tags, security, summary: 'Open a location (operator)',
      body: Strict({
        code: Type.String({ pattern: '^[A-Z0-9-]{2,20}$' }),
        name: settings.name, kind: settings.kind, latitude: settings.latitude, longitude: settings.longitude, address: settings.address,
        city: settings.city, country: settings.country, timeZone: settings.timeZone,
        ...optional({
        partnerName: settings.partnerName, activeFrom: settings.activeFrom, activeTo: settings.activeTo, shipsOrders: settings.shipsOrders,
        localDelivery: settings.localDelivery, deliveryRadiusM: settings.deliveryRadiusM, offersPickup: settings.offersPickup,
        pickupSlotMinutes: settings.pickupSlotMinutes, pickupSlotCapacity: settings.pickupSlotCapacity, pickupLeadMinutes: settings.pickupLeadMinutes,
        acceptsReturns: settings.acceptsReturns,
      }) }),
      response: { 201: LocationRef, ...problems(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const body = request.body;
    const created = await withTx(database.db, (tx) => createLocation(tx, { ...body, ...dates(body) } as never));
    return reply.status(201).send(created);
  });

  app.patch('/v1/locations/:locationId', {
    config: { access: allow('operator') },
    schema: { operationId: 'updateLocation',
      tags, security, summary: 'Change a location\'s settings (operator)', params: IdParam('locationId'),
      body: Strict({ code: Type.Optional(Type.String({ pattern: '^[A-Z0-9-]{2,20}$' })), ...optional(settings) }, { minProperties: 1 }),
      response: { 200: LocationRef, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => {
    const body = request.body;
    return withTx(database.db, (tx) => updateLocation(tx, request.params.locationId, { ...body, ...dates(body) } as LocationChanges));
  });

  app.delete('/v1/locations/:locationId', {
    config: { access: allow('operator') },
    schema: { operationId: 'archiveLocation', tags, security, summary: 'Close a location for good (archived: gone from lists and searches, history kept)', params: IdParam('locationId'), response: { 200: LocationRef, ...problems(401, 403, 404) } },
  }, async (request) => withTx(database.db, (tx) => archiveLocation(tx, request.params.locationId)));

  app.get('/v1/locations/:locationId/opening-hours', {
    config: { access: PUBLIC },
    schema: { operationId: 'getOpeningHours', tags, summary: 'Weekly opening hours and exceptions (local time)', params: IdParam('locationId'), response: { 200: OpeningHours, ...problems(400, 404) } },
  }, async (request) => {
    await getLocation(database.db, request.params.locationId);
    return getOpeningHours(database.db, request.params.locationId);
  });

  app.put('/v1/locations/:locationId/opening-hours', {
    config: { access: allow('operator', 'associate').forLocationParam('locationId') },
    schema: { operationId: 'setOpeningHours', tags, security, summary: 'Replace opening hours and exceptions (operator, or the location\'s associate)', params: IdParam('locationId'), body: OpeningHours, response: { 200: OpeningHours, ...problems(400, 401, 403, 404, 422) } },
  }, async (request) => withTx(database.db, (tx) => setOpeningHours(tx, request.params.locationId, request.body)));

  app.get('/v1/locations/:locationId/pickup-slots', {
    config: { access: PUBLIC },
    schema: { operationId: 'listPickupSlots',
      tags, summary: 'Pickup slots of a local date with remaining capacity', params: IdParam('locationId'),
      querystring: Strict({ date: IsoDate }), response: { 200: Type.Object({ date: Type.String(), items: Type.Array(Slot) }), ...problems(400, 404, 422) },
    },
  }, async (request) => ({ date: request.query.date, items: await pickupSlotAvailability(database.db, request.params.locationId, request.query.date) }));

  app.post('/v1/locations/:locationId/pickup-slots/bookings', {
    config: { access: allow('operator', 'associate').forLocationParam('locationId') },
    schema: { operationId: 'bookPickupSlot',
      tags, security, summary: 'Book a place in a pickup slot (store desk; checkout books through the orders flow)', params: IdParam('locationId'),
      body: Strict({ slotStart: Type.String({ format: 'date-time' }), reference: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 201: Booking, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await withTx(database.db, (tx) =>
    bookPickupSlot(tx, request.params.locationId, new Date(request.body.slotStart), { reference: request.body.reference }))));

  app.delete('/v1/locations/:locationId/pickup-slots/bookings/:bookingId', {
    config: { access: allow('operator', 'associate').forLocationParam('locationId') },
    schema: { operationId: 'cancelPickupSlotBooking', tags, security, summary: 'Give a pickup slot place back', params: Strict({ locationId: Uuid, bookingId: Uuid }), response: { 204: Type.Null(), ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(database.db, (tx) => releasePickupSlot(tx, request.params.bookingId, request.params.locationId));
    return reply.status(204).send(null);
  });
};
