import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RoutesPlugin } from '../http/context.js';
import { ANY_SIGNED_IN, OPTIONAL_AUTH, allow, principalOf } from '../http/auth.js';
import { IdParam, Strict, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { addToCart, cartFor, cartWithLines, mergeGuestCart, openCart, setCartLine, type Cart, type CartAccess, type CartLine } from './carts.js';
import { priceCart } from './pricing.js';
import type { Tx } from '../db/tx.js';
import { skuDetails } from '../catalog/index.js';
import { checkPickupCode, countWrongCode, forStaff, locationQueue, lockFulfilment, reissuePickupCode, transitionFulfilment, unlockParcel } from './fulfilment.js';
import { getOrder, orderHistory, shopperOrders } from './service.js';
import { CONSOLE_EVENTS, FULFILMENT_MACHINE } from './model.js';
import { CartView, FulfilmentOut, LocationQueue, OrderDetail, OrderHistory, OrderPage } from './api-schemas.js';

const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Quantity = Type.Integer({ minimum: 1, maximum: 999 });
// Every event of the machine is accepted by the schema so that the three with their own route get a
// pointer to it rather than a bare validation error.
const FulfilmentEventSchema = Type.Union([...new Set(FULFILMENT_MACHINE.map((t) => t.event))].map((e) => Type.Literal(e)));
const OWN_ROUTE: Partial<Record<string, string>> = {
  hand_over: 'Hand over with the pickup code: POST /v1/locations/{locationId}/handovers',
  return_to_sender: 'Send a parcel back (refund and restock): POST /v1/fulfilments/{fulfilmentId}/return-to-sender',
  cancel: 'Cancel through the order (refund and restock): POST /v1/orders/{orderId}/cancel',
  close_empty: 'Record the pick (nothing found closes the parcel): POST /v1/fulfilments/{fulfilmentId}/pick',
};

export function cartAccess(request: FastifyRequest): CartAccess {
  const token = request.headers['x-cart-token'];
  return { principal: request.principal, guestToken: typeof token === 'string' ? token : undefined };
}

/**
 * The changed line must be sellable and priced for this buyer (MOQ of a B2B list included); else
 * nothing is written. Only that line is priced: the whole cart is priced when it is read.
 */
async function checkSellable(tx: Tx, cart: Cart, line: CartLine | null): Promise<void> {
  if (line) await priceCart(tx, [line], cart.currency, cart.accountId);
}

export const orderRoutes: RoutesPlugin = (app, { database }) => {
  const { db } = database;
  const tags = ['orders'];
  const CartParams = IdParam('cartId');

  app.post('/v1/carts', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'openCart',
      tags, summary: 'Open a cart: a signed-in shopper gets their open cart for the channel; a guest a new one and a token (send it as X-Cart-Token)',
      body: Strict({ channel: Type.Union([Type.Literal('web'), Type.Literal('app')]), currency: Currency }),
      response: { 201: Type.Object({ cartId: Uuid, guestToken: Type.Optional(Type.String()) }), ...problems(400) },
    },
  }, async (request, reply) => {
    const { cart, guestToken } = await withTx(db, (tx) => openCart(tx, cartAccess(request), request.body));
    return reply.status(201).send({ cartId: cart.id, guestToken });
  });

  app.post('/v1/carts/:cartId/lines', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'addCartLine', tags, summary: 'Add units of a SKU to the cart', params: CartParams, body: Strict({ skuId: Uuid, quantity: Quantity }), response: { 204: Type.Null(), ...problems(400, 404, 409, 422) } },
  }, async (request, reply) => {
    await withTx(db, async (tx) => {
      const cart = await cartFor(tx, cartAccess(request), request.params.cartId, { lock: true });
      await checkSellable(tx, cart, await addToCart(tx, cart, request.body.skuId, request.body.quantity));
    });
    return reply.status(204).send(null);
  });

  app.put('/v1/carts/:cartId/lines/:skuId', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'setCartLine', tags, summary: 'Set a line\'s quantity (0 removes it)', params: Strict({ cartId: Uuid, skuId: Uuid }), body: Strict({ quantity: Type.Integer({ minimum: 0, maximum: 999 }) }), response: { 204: Type.Null(), ...problems(400, 404, 409, 422) } },
  }, async (request, reply) => {
    await withTx(db, async (tx) => {
      const cart = await cartFor(tx, cartAccess(request), request.params.cartId, { lock: true });
      await checkSellable(tx, cart, await setCartLine(tx, cart, request.params.skuId, request.body.quantity));
    });
    return reply.status(204).send(null);
  });

  app.post('/v1/carts/:cartId/merge', {
    config: { access: allow('shopper') },
    schema: { operationId: 'mergeGuestCart',
      tags, summary: 'Merge a guest cart into the signed-in shopper\'s cart', params: CartParams, body: Strict({ guestToken: Type.String({ minLength: 10 }) }),
      response: { 200: Type.Object({ cartId: Uuid }), ...problems(400, 401, 404, 409) },
    },
  }, async (request) => {
    const cart = await withTx(db, (tx) => mergeGuestCart(tx, principalOf(request), request.params.cartId, request.body.guestToken));
    return { cartId: cart.id };
  });

  app.get('/v1/orders', {
    config: { access: allow('shopper') },
    schema: { operationId: 'listMyOrders',
      tags, summary: 'The signed-in shopper\'s orders from every channel (web, app, till), newest first',
      querystring: Strict({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), cursor: Type.Optional(Type.String()) }),
      response: { 200: OrderPage, ...problems(400, 401, 403) },
    },
  }, async (request) => shopperOrders(db, principalOf(request).accountId, request.query));

  app.get('/v1/orders/:orderId', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'getOrder', tags, summary: 'One order: its shopper, the operator, merchants with lines in it (their lines only), associates of its stores', params: IdParam('orderId'), response: { 200: OrderDetail, ...problems(401, 404) } },
  }, async (request) => getOrder(db, principalOf(request), request.params.orderId));

  app.get('/v1/orders/:orderId/history', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'getOrderHistory', tags, summary: 'Every transition of the order and its fulfilments: who, when, what', params: IdParam('orderId'), response: { 200: OrderHistory, ...problems(401, 404) } },
  }, async (request) => {
    await getOrder(db, principalOf(request), request.params.orderId);
    return { items: await orderHistory(db, request.params.orderId) };
  });

  app.get('/v1/locations/:locationId/fulfilments', {
    config: { access: allow('associate', 'operator').forLocationParam('locationId') },
    schema: { operationId: 'listLocationFulfilments',
      tags: ['store console'], summary: 'The location\'s work queue: fulfilments to pick, pack and hand out, by slot', params: IdParam('locationId'),
      querystring: Strict({ status: Type.Optional(Type.Array(Type.String(), { maxItems: 12 })) }),
      response: { 200: LocationQueue, ...problems(400, 401, 403, 404) },
    },
  }, async (request) => ({ items: await locationQueue(db, request.params.locationId, request.query.status) }));

  app.post('/v1/fulfilments/:fulfilmentId/steps', {
    config: { access: allow('associate', 'operator') },
    schema: { operationId: 'stepFulfilment',
      tags: ['store console'], summary: `Move a fulfilment one step: ${CONSOLE_EVENTS.join(', ')} (hand_over, return_to_sender and cancel have their own routes)`,
      params: IdParam('fulfilmentId'), body: Strict({ event: FulfilmentEventSchema, note: Type.Optional(Type.String({ maxLength: 500 })) }),
      response: { 200: FulfilmentOut, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const elsewhere = OWN_ROUTE[request.body.event];
    if (elsewhere || !CONSOLE_EVENTS.includes(request.body.event)) {
      throw new DomainError('http.validation', elsewhere ?? `${request.body.event} is not a console step`, {}, [{ field: '/event', message: `${request.body.event} has its own route` }]);
    }
    return forStaff(await withTx(db, (tx) => transitionFulfilment(tx, principalOf(request), request.params.fulfilmentId, request.body.event, request.body.note ? { note: request.body.note } : {})));
  });

  app.post('/v1/fulfilments/:fulfilmentId/unlock', {
    config: { access: allow('associate', 'operator') },
    schema: { operationId: 'unlockParcel',
      tags: ['store console'],
      summary: 'Unlock a parcel locked after 5 wrong pickup codes, once the shopper\'s identity document was checked at the desk (audited); the shopper then gives their code again',
      params: IdParam('fulfilmentId'),
      body: Strict({
        idChecked: Type.Literal(true, { description: 'The associate saw an identity document matching the order\'s shopper' }),
        documentType: Type.Union([Type.Literal('national_id'), Type.Literal('passport'), Type.Literal('residence_permit'), Type.Literal('driving_licence')]),
        documentLast4: Type.String({ pattern: '^[A-Za-z0-9]{4}$', description: 'The document number\'s last 4 characters, for the audit' }),
        note: Type.Optional(Type.String({ maxLength: 500 })),
      }),
      response: { 200: FulfilmentOut, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => forStaff(await withTx(db, (tx) => unlockParcel(tx, principalOf(request), request.params.fulfilmentId, request.body))));

  app.post('/v1/orders/:orderId/fulfilments/:fulfilmentId/pickup-code', {
    config: { access: allow('shopper') },
    schema: { operationId: 'reissuePickupCode',
      tags, summary: 'Re-issue the pickup code of a parcel waiting for collection: the old code stops working and a locked parcel unlocks',
      params: Strict({ orderId: Uuid, fulfilmentId: Uuid }),
      response: { 201: Type.Object({ fulfilmentId: Uuid, pickupCode: Type.String(), pickupQr: Type.String() }), ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => reissuePickupCode(tx, principalOf(request), request.params.orderId, request.params.fulfilmentId))));

  app.post('/v1/locations/:locationId/handovers', {
    config: { access: allow('associate', 'operator').forLocationParam('locationId') },
    schema: { operationId: 'handOverParcel',
      tags: ['store console'],
      summary: 'Hand a pickup or partner parcel to the shopper: the parcel and the 6-digit code the shopper gives, or the QR payload scanned from their app. Wrong codes are counted per parcel; after 5 the parcel locks.',
      params: IdParam('locationId'),
      body: Type.Union([Strict({ fulfilmentId: Uuid, code: Type.String({ pattern: '^[0-9]{6}$' }) }), Strict({ qr: Type.String({ pattern: '^mercato:pickup:[0-9a-f-]{36}:[0-9]{6}$' }) })]),
      response: { 200: FulfilmentOut, ...problems(400, 401, 403, 404, 409, 422, 429) },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const body = request.body as { fulfilmentId?: string; code?: string; qr?: string };
    const [fulfilmentId, code] = body.qr ? body.qr.split(':').slice(2) : [body.fulfilmentId!, body.code!];
    const f = await lockFulfilment(db, fulfilmentId);
    if (f.pickupLocationId !== request.params.locationId) throw new DomainError('orders.fulfilment_not_found', 'That parcel is not waiting at this location');
    try {
      checkPickupCode(f, code);
    } catch (error) {
      // The wrong attempt is counted even though this request fails.
      if ((error as DomainError).code === 'orders.pickup_code_wrong') await countWrongCode(db, f.id);
      throw error;
    }
    return forStaff(await withTx(db, (tx) => transitionFulfilment(tx, principal, f.id, 'hand_over', { by: body.qr ? 'qr' : 'code' })));
  });

  app.get('/v1/carts/:cartId', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'getCart', tags, summary: 'The cart and its lines', params: CartParams, response: { 200: CartView, ...problems(404) } },
  }, async (request) => {
    const { cart, lines } = await cartWithLines(db, cartAccess(request), request.params.cartId);
    const { guestTokenHash: _hidden, ...visible } = cart;
    const codes = await skuDetails(db, lines.map((l) => l.skuId));
    const describe = (skuId: string) => {
      const row = codes.find((c) => c.id === skuId);
      return { skuCode: row?.skuCode ?? null, productId: row?.productId ?? null };
    };
    // Priced for this buyer now (B2B list and tier if assigned) in one pass; only when some line
    // cannot be priced or sold is each line priced alone, so that it can say why.
    const priceEach = async () => Promise.all(lines.map(async (line) => {
      try {
        return { line, priced: (await priceCart(db, [line], cart.currency, cart.accountId))[0], problem: null };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { line, priced: null, problem: { code: error.code, detail: error.message } };
      }
    }));
    let results;
    try {
      const all = await priceCart(db, lines, cart.currency, cart.accountId);
      results = lines.map((line, i) => ({ line, priced: all[i], problem: null }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results = await priceEach();
    }
    const priced = results.map(({ line, priced: p, problem }) => ({
      ...line, ...describe(line.skuId), unitPriceMinor: p?.unitPriceMinor ?? null, amountMinor: p?.amountMinor ?? null, merchantId: p?.merchantId ?? null, problem,
    }));
    const subtotalMinor = priced.reduce((sum, l) => sum + (l.amountMinor ?? 0), 0);
    return { ...visible, lines: priced, subtotalMinor, checkoutReady: priced.length > 0 && priced.every((l) => !l.problem) };
  });
};
