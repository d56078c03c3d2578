import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { RoutesPlugin } from '../http/context.js';
import { ANY_SIGNED_IN, PUBLIC, allow, principalOf } from '../http/auth.js';
import { IdParam, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { DomainError } from '../http/problem.js';
import { withTx } from '../db/tx.js';
import type { Principal } from '../identity/index.js';
import {
  availableToPromise, getReservation, listMovements, listStock, recordManualMovement, releaseReservation, reserve, skuMerchant, transferStock,
  type Reservation,
} from './service.js';
import { ReservationCoalescer } from './coalescer.js';
import { startReservationSweeper } from './sweeper.js';
import { MANUAL_MOVEMENT_KINDS } from './model.js';

const DEFAULT_TTL_SECONDS = 15 * 60;

const StockRow = Type.Object({
  skuId: Uuid, skuCode: Type.String(), merchantId: Uuid, locationId: Uuid, onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(), updatedAt: Timestamp,
}, { $id: 'StockRow' });
const Movement = Type.Object({
  id: Type.Integer(), skuId: Uuid, locationId: Uuid, kind: Type.String(), quantity: Type.Integer(), onHandAfter: Type.Integer(),
  reason: Type.String(), reference: Type.Union([Type.String(), Type.Null()]), actorAccountId: Type.Union([Uuid, Type.Null()]), createdAt: Timestamp,
}, { $id: 'StockMovement' });
const ReservationSchema = Type.Object({
  id: Uuid, reference: Type.String(), status: Type.String(), expiresAt: Timestamp, createdAt: Timestamp, settledAt: Type.Union([Timestamp, Type.Null()]),
  lines: Type.Array(Type.Object({ skuId: Uuid, locationId: Uuid, quantity: Type.Integer() })),
}, { $id: 'Reservation' });

/** Merchant staff see and change only their own SKUs' stock; another merchant's SKU is a 404. */
async function checkSkuOwner(principal: Principal, skuId: string, read: (skuId: string) => Promise<string>): Promise<void> {
  if (principal.role !== 'merchant') return;
  if ((await read(skuId)) !== principal.merchantId) throw new DomainError('inventory.sku_not_found', `No SKU ${skuId}`);
}

/** Only the holder (or an operator) may see or release a reservation; others get a 404. */
function checkHolder(principal: Principal, reservation: Reservation): void {
  if (principal.role !== 'operator' && reservation.holderAccountId !== principal.accountId) {
    throw new DomainError('inventory.reservation_not_found', `No reservation ${reservation.id}`);
  }
}

/** Aborted when the client disconnects before the answer is sent. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => { if (!reply.raw.writableEnded) controller.abort(); });
  return controller.signal;
}

export const inventoryRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(StockRow);
  app.addSchema(Movement);
  app.addSchema(ReservationSchema);
  const tags = ['inventory'];
  const security = [{ bearer: [] }];
  const coalescer = new ReservationCoalescer(database, { ttlMs: DEFAULT_TTL_SECONDS * 1000 });
  let stopSweeper: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopSweeper = startReservationSweeper(database, { onError: (error) => app.log.warn({ err: error }, 'reservation sweep failed') });
  });
  app.addHook('onClose', async () => {
    await stopSweeper?.();
    await coalescer.idle();
  });

  app.get('/v1/inventory/availability', {
    config: { access: PUBLIC },
    schema: { operationId: 'getAvailability',
      tags, summary: 'Available to promise per SKU, per live location and across the network',
      querystring: Strict({ sku: Type.Array(Uuid, { minItems: 1, maxItems: 100 }), location: Type.Optional(Type.Array(Uuid, { maxItems: 200 })) }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({
          skuId: Uuid, network: Type.Integer(),
          locations: Type.Array(Type.Object({ locationId: Uuid, onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer() })),
        })) }),
        ...problems(400),
      },
    },
  }, async (request) => ({ items: await availableToPromise(database.db, request.query.sku, request.query.location) }));

  const stockAccess = allow('operator', 'associate', 'merchant').forLocationParam('locationId');

  app.get('/v1/locations/:locationId/stock', {
    config: { access: stockAccess },
    schema: { operationId: 'listLocationStock',
      tags, security, summary: 'Stock at a location (associates: their own; merchants: their SKUs)', params: IdParam('locationId'),
      querystring: Strict({ sku: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('StockRow')) }), ...problems(401, 403, 404) },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const merchantId = principal.role === 'merchant' ? principal.merchantId ?? undefined : undefined;
    return { items: await listStock(database.db, { locationId: request.params.locationId, merchantId, skuId: request.query.sku }) };
  });

  app.get('/v1/merchants/:merchantId/stock', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'listMerchantStock', tags, security, summary: 'A merchant\'s stock at every location', params: IdParam('merchantId'), response: { 200: Type.Object({ items: Type.Array(Type.Ref('StockRow')) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listStock(database.db, { merchantId: request.params.merchantId }) }));

  app.get('/v1/locations/:locationId/stock/movements', {
    config: { access: stockAccess },
    schema: { operationId: 'listStockMovements',
      tags, security, summary: 'The stock journal of a location, newest first', params: IdParam('locationId'),
      querystring: Strict({ sku: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('StockMovement')) }), ...problems(401, 403, 404) },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const merchantId = principal.role === 'merchant' ? principal.merchantId ?? undefined : undefined;
    return { items: await listMovements(database.db, { locationId: request.params.locationId, skuId: request.query.sku, merchantId, limit: request.query.limit }) };
  });

  app.post('/v1/locations/:locationId/stock/movements', {
    config: { access: stockAccess },
    schema: { operationId: 'recordStockMovement',
      tags, security, params: IdParam('locationId'),
      summary: 'Record a receipt, adjustment (signed), count (the counted total) or damage at a location',
      body: Strict({
        skuId: Uuid, kind: Type.Union(MANUAL_MOVEMENT_KINDS.map((k) => Type.Literal(k))),
        quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
        reason: Type.String({ minLength: 1, maxLength: 500 }), reference: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 201: Type.Ref('StockMovement'), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const movement = await withTx(database.db, async (tx) => {
      await checkSkuOwner(principal, request.body.skuId, (skuId) => skuMerchant(tx, skuId));
      return recordManualMovement(tx, { ...request.body, locationId: request.params.locationId, actorAccountId: principal.accountId });
    });
    return reply.status(201).send(movement);
  });

  app.post('/v1/locations/:locationId/stock/transfers', {
    config: { access: allow('operator', 'associate').forLocationParam('locationId') },
    schema: { operationId: 'transferStock',
      tags, security, params: IdParam('locationId'), summary: 'Send units from this location to another',
      body: Strict({ skuId: Uuid, toLocationId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }), reason: Type.Optional(Type.String({ maxLength: 500 })) }),
      response: { 201: Type.Object({ items: Type.Array(Type.Ref('StockMovement')) }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const items = await withTx(database.db, (tx) => transferStock(tx, { ...request.body, fromLocationId: request.params.locationId, actorAccountId: principal.accountId }));
    return reply.status(201).send({ items });
  });

  app.post('/v1/inventory/reservations', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'createReservation',
      tags, security,
      summary: 'Hold units for a cart, all lines or none (a single line goes through the flash-sale coalescer)',
      body: Strict({
        lines: Type.Array(Strict({ skuId: Uuid, locationId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) }), { minItems: 1, maxItems: 100 }),
        reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        ttlSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: 24 * 3600 })),
      }),
      response: { 201: Type.Ref('Reservation'), ...problems(400, 401, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { lines, ttlSeconds } = request.body;
    const reference = request.body.reference ?? `account:${principal.accountId}`;
    const signal = clientGone(reply);
    const reservation = lines.length === 1 && ttlSeconds === undefined
      ? await coalescer.reserve({ ...lines[0], reference, holderAccountId: principal.accountId, signal })
      : await withTx(database.db, (tx) => reserve(tx, lines, { ttlMs: (ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000, reference, holderAccountId: principal.accountId }));
    if (signal.aborted) {
      // Nobody will ever see this hold: give the units back now rather than at expiry.
      await withTx(database.db, (tx) => releaseReservation(tx, reservation.id));
      throw new DomainError('inventory.request_abandoned', 'The client went away; the hold was released');
    }
    return reply.status(201).send(reservation);
  });

  app.get('/v1/inventory/reservations/:reservationId', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'getReservation', tags, security, summary: 'One of your reservations', params: IdParam('reservationId'), response: { 200: Type.Ref('Reservation'), ...problems(401, 404) } },
  }, async (request) => {
    const reservation = await getReservation(database.db, request.params.reservationId);
    checkHolder(principalOf(request), reservation);
    return reservation;
  });

  app.post('/v1/inventory/reservations/:reservationId/release', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'releaseReservation', tags, security, summary: 'Give the held units back', params: IdParam('reservationId'), response: { 200: Type.Ref('Reservation'), ...problems(401, 404, 409) } },
  }, async (request) => withTx(database.db, async (tx) => {
    checkHolder(principalOf(request), await getReservation(tx, request.params.reservationId));
    return releaseReservation(tx, request.params.reservationId);
  }));
};
