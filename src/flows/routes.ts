import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { OPTIONAL_AUTH, allow, principalOf } from '../http/auth.js';
import { IdParam, Strict, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { idempotentReply } from '../http/idempotency.js';
import { DomainError } from '../http/problem.js';
import { providerSettingsFromEnv } from '../payments/index.js';
import { cartAccess, cartWithLines, fulfilmentOptions } from '../orders/index.js';
import { checkout, markOrderPaid } from './checkout.js';
import { cancelOrder, recordPick, refundOrderByOperator, returnAtStore, returnParcelToSender } from './after-sale.js';
import { identifyShopper, openBasket, payBasket, scanItem } from './till.js';
import { startOrderSweeper } from './sweeper.js';
import { CancelOut, CheckoutOut, FulfilmentOptionsOut, MemberOut, OperatorRefundOut, PickOut, ReceiptOut, ReturnOut, ScanOut } from './api-schemas.js';

const Destination = Strict({
  latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }),
  address: Type.Optional(Type.String({ maxLength: 300 })), city: Type.Optional(Type.String({ maxLength: 120 })),
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
});

/** Cross-domain operations: checkout, cancellation, returns, picking, the till. */
export const flowRoutes: RoutesPlugin = (app, { database, config, bus }) => {
  const { db } = database;
  const settings = providerSettingsFromEnv(config.secret);

  // An external payment captured (card sandbox, Alipay) pays its order; at least once, idempotent.
  const unsubscribe = bus.subscribe('payment.captured', async (event) => {
    const orderId = event.payload.orderId as string | null | undefined;
    if (!orderId || event.payload.provider === 'wallet') return;
    try {
      await withTx(db, (tx) => markOrderPaid(tx, orderId, null));
    } catch (error) {
      app.log.error({ err: error, orderId }, 'could not mark order paid');
    }
  });
  let stopSweeper: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopSweeper = startOrderSweeper(database, { onError: (error) => app.log.warn({ err: error }, 'order sweep failed') });
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    await stopSweeper?.();
  });

  app.get('/v1/carts/:cartId/fulfilment-options', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'getFulfilmentOptions',
      tags: ['orders'], summary: 'How this cart can reach an address: express delivery from a store within 3 km, pickup slots, shipping, partner desks, split shipments; with reasons for what is not offered',
      params: IdParam('cartId'),
      querystring: Strict({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }), country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })) }),
      response: { 200: FulfilmentOptionsOut, ...problems(400, 404, 422) },
    },
  }, async (request) => {
    const { cart, lines } = await cartWithLines(db, cartAccess(request), request.params.cartId);
    return fulfilmentOptions(db, lines, { latitude: request.query.lat, longitude: request.query.lon, country: request.query.country }, cart.currency);
  });

  app.post('/v1/carts/:cartId/checkout', {
    config: { access: allow('shopper'), idempotency: 'in-transaction' },
    schema: { operationId: 'checkOut',
      tags: ['orders'], summary: 'Check out: re-price, reserve, create the order, pay — one transaction. Honours Idempotency-Key.',
      params: IdParam('cartId'),
      body: Strict({
        optionId: Type.String({ minLength: 3, maxLength: 600 }), slotStart: Type.Optional(Type.String({ format: 'date-time' })), destination: Destination,
        payment: Strict({
          provider: Type.Union([Type.Literal('wallet'), Type.Literal('card_sandbox'), Type.Literal('alipay')]),
          walletCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'Wallet only: pay from the wallet in this currency, converted at checkout at the rate in effect (recorded)' })),
        }),
      }),
      response: { 201: CheckoutOut, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { payment } = request.body;
    if (payment.walletCurrency && payment.provider !== 'wallet') throw new DomainError('http.validation', 'walletCurrency is for wallet payments', {}, [{ field: '/payment/walletCurrency', message: 'needs provider wallet' }]);
    // The order and its idempotent answer commit together: a retry after a lost answer replays it.
    return idempotentReply(db, request, reply, 201, (tx) => checkout(tx, principal, {
      cartId: request.params.cartId, access: cartAccess(request), optionId: request.body.optionId, destination: request.body.destination,
      slotStart: request.body.slotStart ? new Date(request.body.slotStart) : undefined,
      payment: payment.provider === 'wallet' ? { provider: 'wallet', walletCurrency: payment.walletCurrency } : { provider: payment.provider },
    }));
  });

  app.post('/v1/orders/:orderId/cancel', {
    config: { access: allow('shopper', 'operator') },
    schema: { operationId: 'cancelOrder', tags: ['orders'], summary: 'Cancel before picking starts: stock released, payment refunded', params: IdParam('orderId'), body: Strict({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: CancelOut, ...problems(400, 401, 404, 409) } },
  }, async (request) => {
    await withTx(db, (tx) => cancelOrder(tx, principalOf(request), request.params.orderId, request.body.reason));
    return { orderId: request.params.orderId, status: 'cancelled' };
  });

  app.post('/v1/locations/:locationId/returns', {
    config: { access: allow('associate', 'operator').forLocationParam('locationId') },
    schema: { operationId: 'takeReturn',
      tags: ['store console'], summary: 'Take back items of an order from any channel at this store: stock into this store, refund to the original method or the wallet',
      params: IdParam('locationId'),
      body: Strict({
        orderId: Uuid, refundTo: Type.Union([Type.Literal('original'), Type.Literal('wallet')]), reason: Type.Optional(Type.String({ maxLength: 500 })),
        lines: Type.Array(Strict({ orderLineId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), { minItems: 1, maxItems: 100 }),
      }),
      response: { 201: ReturnOut, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const saved = await withTx(db, (tx) => returnAtStore(tx, principalOf(request), request.params.locationId, request.body.orderId, request.body));
    return reply.status(201).send(saved);
  });

  app.post('/v1/fulfilments/:fulfilmentId/pick', {
    config: { access: allow('associate', 'operator') },
    schema: { operationId: 'recordPick',
      tags: ['store console'], summary: 'Record what was found on the shelf; short picks are refunded at once',
      params: IdParam('fulfilmentId'),
      body: Strict({ lines: Type.Array(Strict({ orderLineId: Uuid, pickedQuantity: Type.Integer({ minimum: 0, maximum: 999 }) }), { minItems: 1, maxItems: 100 }) }),
      response: { 200: PickOut, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => withTx(db, (tx) => recordPick(tx, principalOf(request), request.params.fulfilmentId, request.body.lines)));

  app.post('/v1/fulfilments/:fulfilmentId/return-to-sender', {
    config: { access: allow('associate', 'operator') },
    schema: { operationId: 'returnToSender',
      tags: ['store console'],
      summary: 'Send a partner-desk parcel back to the sender: its units go back to the location they left, the shopper is refunded, the merchants\' payables are reversed. Before the collection deadline only an operator may, with a reason.',
      params: IdParam('fulfilmentId'),
      body: Strict({ reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) }),
      response: { 201: ReturnOut, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const saved = await withTx(db, (tx) => returnParcelToSender(tx, principalOf(request), request.params.fulfilmentId, { reason: request.body.reason }));
    return reply.status(201).send(saved);
  });

  app.post('/v1/orders/:orderId/refunds', {
    config: { access: allow('operator') },
    schema: { operationId: 'refundOrder',
      tags: ['orders'],
      summary: 'Refund part of a paid order without a return (goodwill): spread over its lines in proportion, merchants\' payables reversed for their share. The only way to refund an order\'s payment.',
      params: IdParam('orderId'),
      body: Strict({
        amountMinor: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Minor units of the order currency, at most what is left to refund' }),
        reason: Type.String({ minLength: 3, maxLength: 500 }),
        refundTo: Type.Optional(Type.Union([Type.Literal('original'), Type.Literal('wallet')])),
      }),
      response: { 201: OperatorRefundOut, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const refund = await withTx(db, (tx) => refundOrderByOperator(tx, principalOf(request), request.params.orderId, request.body));
    return reply.status(201).send(refund);
  });

  // --- the till ------------------------------------------------------------------------------
  const till = { tags: ['till'] };

  app.post('/v1/till/baskets', {
    config: { access: allow('associate') },
    schema: { operationId: 'openTillBasket', ...till, summary: 'Open a basket at the associate\'s store', body: Strict({ currency: Type.String({ pattern: '^[A-Z]{3}$' }) }), response: { 201: Type.Object({ basketId: Uuid }), ...problems(400, 401, 403) } },
  }, async (request, reply) => {
    const basket = await withTx(db, (tx) => openBasket(tx, principalOf(request), request.body.currency));
    return reply.status(201).send({ basketId: basket.id });
  });

  app.post('/v1/till/baskets/:basketId/items', {
    config: { access: allow('associate') },
    schema: { operationId: 'scanTillItem', ...till, summary: 'Scan a barcode into the basket', params: IdParam('basketId'), body: Strict({ barcode: Type.String({ pattern: '^[0-9]{13}$' }), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })) }), response: { 200: ScanOut, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request) => withTx(db, (tx) => scanItem(tx, principalOf(request), request.params.basketId, request.body.barcode, request.body.quantity ?? 1)));

  app.post('/v1/till/baskets/:basketId/member', {
    config: { access: allow('associate') },
    schema: { operationId: 'identifyTillMember', ...till, summary: 'Identify the shopper by the member code shown in their app', params: IdParam('basketId'), body: Strict({ memberCode: Type.String({ minLength: 6, maxLength: 40 }) }), response: { 200: MemberOut, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request) => withTx(db, (tx) => identifyShopper(tx, principalOf(request), request.params.basketId, request.body.memberCode)));

  app.post('/v1/till/baskets/:basketId/payment', {
    config: { access: allow('associate'), idempotency: 'in-transaction' },
    schema: { operationId: 'payTillBasket',
      ...till, summary: 'Take payment (wallet or card) and print the receipt; optionally deliver the basket home from this store',
      params: IdParam('basketId'),
      body: Strict({ provider: Type.Union([Type.Literal('wallet'), Type.Literal('card_sandbox')]), cardNumber: Type.Optional(Type.String({ pattern: '^[0-9]{12,19}$' })), deliverTo: Type.Optional(Destination) }),
      response: { 201: ReceiptOut, ...problems(400, 401, 402, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    if (request.body.provider === 'card_sandbox' && !request.body.cardNumber) throw new DomainError('http.validation', 'A card payment needs the card number', {}, [{ field: '/cardNumber', message: 'is required for card_sandbox' }]);
    return idempotentReply(db, request, reply, 201, (tx) => payBasket(tx, principalOf(request), request.params.basketId, request.body, settings));
  });
};
