import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RoutesPlugin } from '../http/context.js';
import { ANY_SIGNED_IN, PUBLIC, allow, principalOf } from '../http/auth.js';
import { CurrencyCode, IdParam, Page, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { idempotentReply } from '../http/idempotency.js';
import { getAccount } from '../identity/index.js';
import { SANDBOX_CARDS } from './model.js';
import { providerSettingsFromEnv } from './providers/settings.js';
import { SANDBOX_SIGNATURE_HEADER } from './providers/card-sandbox.js';
import {
  authorisePaymentIntent, cancelPaymentIntent, capturePaymentIntent, checkLedger, completeSandboxChallenge, createPaymentIntent, currentMemberCode,
  deliverCardSandboxEvents, getPaymentIntent, listFxRates, listMemberDevices, listSettlementRuns, listWallets, merchantBalances, memberCodeQr, payFromWallet,
  quoteConversion, receiveNotification, recordOrderSettlement, refundPaymentIntent, registerMemberDevice, revokeMemberDevice, runSettlement, setFxRate,
  settlementStatementCsv, verifyMemberCode, walletStatement,
} from './service/index.js';
import { DomainError } from '../http/problem.js';
import './errors.js';

const Provider = Type.Union([Type.Literal('wallet'), Type.Literal('card_sandbox'), Type.Literal('alipay')]);
const MinorUnits = Type.Integer({ minimum: 1, maximum: 1e13, description: 'Amount in minor units of the currency (cents; yen for JPY)' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const PaymentIntent = Type.Object({
  id: Uuid, accountId: Nullable(Uuid), purpose: Type.String(), orderId: Nullable(Uuid), provider: Type.String(), captureMethod: Type.String(),
  currency: Type.String(), amountMinor: Type.Integer(), capturedMinor: Type.Integer(), refundedMinor: Type.Integer(), status: Type.String(),
  failureCode: Nullable(Type.String()), providerReference: Nullable(Type.String()), createdAt: Timestamp, updatedAt: Timestamp,
  walletCurrency: Type.Optional(Nullable(Type.String({ description: 'Paid from a wallet in this other currency' }))),
  walletAmountMinor: Type.Optional(Type.Union([Type.Integer({ description: 'What left that wallet' }), Type.Null()])),
  fxConversionId: Type.Optional(Nullable(Type.String({ description: 'The recorded conversion (with its rate)' }))),
}, { $id: 'PaymentIntent' });

const NextAction = Type.Object({
  type: Type.String({ description: 'none | await_notification | alipay_request' }),
  provider: Type.Optional(Type.String()),
  gateway: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const IntentWithNext = Type.Object({ intent: Type.Ref('PaymentIntent'), nextAction: NextAction });

const Wallet = Type.Object({ currency: Type.String(), balanceMinor: Type.Integer(), exponent: Type.Integer() });
const StatementLine = Type.Object({
  lineId: Type.Integer(), entryId: Type.Integer(), kind: Type.String(), amountMinor: Type.Integer(), currency: Type.String(),
  referenceId: Nullable(Uuid), memo: Nullable(Type.String()), createdAt: Timestamp, balanceAfterMinor: Type.Integer(),
});
const FxRate = Type.Object({ id: Uuid, base: Type.String(), quote: Type.String(), rate: Type.String(), effectiveAt: Timestamp, createdAt: Timestamp });
const SettlementRun = Type.Object({
  id: Uuid, merchantId: Uuid, currency: Type.String(), periodStart: Timestamp, periodEnd: Timestamp, grossMinor: Type.Integer(),
  commissionMinor: Type.Integer(), netMinor: Type.Integer(), entryId: Type.Union([Type.Integer(), Type.Null()]), createdAt: Timestamp,
});
const MemberDevice = Type.Object({ id: Uuid, number: Type.Integer(), label: Type.String(), createdAt: Timestamp });

/** A shopper sees only their own intents (another's answers 404); operators see all. */
function ownerScope(request: FastifyRequest): string | undefined {
  const principal = principalOf(request);
  return principal.role === 'shopper' ? principal.accountId : undefined;
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? key : null;
}

export const paymentRoutes: RoutesPlugin = (app, { database, config }) => {
  const { db } = database;
  const settings = providerSettingsFromEnv(config.secret);
  app.addSchema(PaymentIntent);
  const tags = ['payments'];
  const security = [{ bearer: [] }];

  // The card sandbox answers asynchronously: after each commit that queued a notification, and
  // on a slow timer for anything left behind, it delivers through the notification path.
  const deliverSandbox = () => {
    deliverCardSandboxEvents(db, settings).catch((error) => app.log.warn({ err: error }, 'card sandbox delivery failed'));
  };
  const timer = setInterval(deliverSandbox, 2000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  // Alipay posts its notifications as a form; only this domain's scope accepts one.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  // --- wallet ---------------------------------------------------------------------------------
  app.get('/v1/wallet', {
    config: { access: allow('shopper') },
    schema: { operationId: 'listWallets', tags, security, summary: 'The signed-in shopper\'s wallets, one per currency', response: { 200: Type.Object({ wallets: Type.Array(Wallet) }), ...problems(401, 403) } },
  }, async (request) => ({ wallets: await listWallets(db, principalOf(request).accountId) }));

  app.get('/v1/wallet/statement', {
    config: { access: allow('shopper') },
    schema: { operationId: 'getWalletStatement',
      tags, security, summary: 'Wallet statement, newest first, with cursor pagination',
      querystring: Strict({ currency: CurrencyCode, cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
      response: { 200: Page(StatementLine), ...problems(400, 401, 403) },
    },
  }, async (request) => walletStatement(db, principalOf(request).accountId, request.query.currency, request.query));

  app.post('/v1/wallet/top-ups', {
    config: { access: allow('shopper'), idempotency: 'in-transaction' },
    schema: { operationId: 'topUpWallet',
      tags, security, summary: 'Top up the wallet through the card sandbox or Alipay; the wallet is credited when the provider confirms',
      body: Strict({
        amountMinor: MinorUnits, currency: CurrencyCode, provider: Type.Union([Type.Literal('card_sandbox'), Type.Literal('alipay')]),
        cardNumber: Type.Optional(Type.String({ maxLength: 25, description: `Card sandbox test card: ${Object.keys(SANDBOX_CARDS).join(', ')}` })),
      }),
      response: { 201: IntentWithNext, ...problems(400, 401, 403, 409, 422, 503) },
    },
  }, async (request, reply) => {
    const { accountId } = principalOf(request);
    const sent = await idempotentReply(db, request, reply, 201, async (tx) => {
      const intent = await createPaymentIntent(tx, { accountId, purpose: 'top_up', provider: request.body.provider, amountMinor: request.body.amountMinor, currency: request.body.currency, idempotencyKey: idempotencyKeyOf(request) });
      return authorisePaymentIntent(tx, intent.id, { cardNumber: request.body.cardNumber, accountId }, settings);
    });
    deliverSandbox();
    return sent;
  });

  app.post('/v1/wallet/payments', {
    config: { access: allow('shopper'), idempotency: 'in-transaction' },
    schema: { operationId: 'payFromWallet',
      tags, security, summary: 'Pay from the wallet (for an order, or a plain charge)',
      body: Strict({ amountMinor: MinorUnits, currency: CurrencyCode, orderId: Type.Optional(Uuid) }),
      response: { 201: Type.Object({ intent: Type.Ref('PaymentIntent'), balanceMinor: Type.Integer() }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { accountId } = principalOf(request);
    return idempotentReply(db, request, reply, 201, async (tx) => {
      const { balanceMinor, ...intent } = await payFromWallet(tx, { accountId, ...request.body, orderId: request.body.orderId ?? null, idempotencyKey: idempotencyKeyOf(request) });
      return { intent, balanceMinor };
    });
  });

  // --- payment intents --------------------------------------------------------------------------
  app.post('/v1/payment-intents', {
    config: { access: allow('shopper'), idempotency: 'in-transaction' },
    schema: { operationId: 'createPaymentIntent',
      tags, security, summary: 'Create a payment intent for an order (checked against the order\'s amount and currency)',
      body: Strict({
        orderId: Type.Optional(Uuid), provider: Provider, amountMinor: MinorUnits, currency: CurrencyCode,
        captureMethod: Type.Optional(Type.Union([Type.Literal('automatic'), Type.Literal('manual')])),
      }),
      response: { 201: Type.Ref('PaymentIntent'), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    return idempotentReply(db, request, reply, 201, (tx) => createPaymentIntent(tx, { ...request.body, purpose: 'order', accountId: principalOf(request).accountId, idempotencyKey: idempotencyKeyOf(request) }));
  });

  app.get('/v1/payment-intents/:intentId', {
    config: { access: allow('shopper', 'operator') },
    schema: { operationId: 'getPaymentIntent', tags, security, summary: 'One payment intent', params: IdParam('intentId'), response: { 200: Type.Ref('PaymentIntent'), ...problems(401, 403, 404) } },
  }, async (request) => getPaymentIntent(db, request.params.intentId, ownerScope(request)));

  app.post('/v1/payment-intents/:intentId/authorise', {
    config: { access: allow('shopper') },
    schema: { operationId: 'authorisePaymentIntent',
      tags, security, summary: 'Authorise with the intent\'s provider (wallet at once; card sandbox and Alipay by notification)', params: IdParam('intentId'),
      body: Strict({ cardNumber: Type.Optional(Type.String({ maxLength: 25 })) }),
      response: { 200: IntentWithNext, ...problems(400, 401, 403, 404, 409, 422, 503) },
    },
  }, async (request) => {
    const result = await withTx(db, (tx) => authorisePaymentIntent(tx, request.params.intentId, { cardNumber: request.body.cardNumber, accountId: ownerScope(request) }, settings));
    deliverSandbox();
    return result;
  });

  app.post('/v1/payment-intents/:intentId/sandbox-challenge', {
    config: { access: allow('shopper') },
    schema: { operationId: 'answerSandboxChallenge',
      tags, security, summary: 'Answer the card sandbox\'s 3-D Secure challenge', params: IdParam('intentId'),
      body: Strict({ approve: Type.Boolean() }), response: { 202: Type.Ref('PaymentIntent'), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const intent = await withTx(db, (tx) => completeSandboxChallenge(tx, request.params.intentId, ownerScope(request), request.body.approve, settings));
    deliverSandbox();
    return reply.status(202).send(intent);
  });

  app.post('/v1/payment-intents/:intentId/capture', {
    config: { access: allow('operator', 'shopper') },
    schema: { operationId: 'capturePaymentIntent',
      tags, security, summary: 'Capture an authorised intent, in full or in part', params: IdParam('intentId'),
      body: Strict({ amountMinor: Type.Optional(MinorUnits) }), response: { 200: Type.Ref('PaymentIntent'), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => withTx(db, (tx) => capturePaymentIntent(tx, request.params.intentId, request.body.amountMinor, ownerScope(request))));

  app.post('/v1/payment-intents/:intentId/cancel', {
    config: { access: allow('operator', 'shopper') },
    schema: { operationId: 'cancelPaymentIntent', tags, security, summary: 'Cancel an intent not yet captured (a wallet hold is released)', params: IdParam('intentId'), response: { 200: Type.Ref('PaymentIntent'), ...problems(401, 403, 404, 409) } },
  }, async (request) => withTx(db, (tx) => cancelPaymentIntent(tx, request.params.intentId, ownerScope(request))));

  app.post('/v1/payment-intents/:intentId/refund', {
    config: { access: allow('operator') },
    schema: { operationId: 'refundPaymentIntent',
      tags, security, params: IdParam('intentId'),
      summary: 'Refund part or all of what was captured (never more) of a top-up. An intent that pays an order answers 409 payments.refund_through_order: refund it with POST /v1/orders/{orderId}/refunds, so the order and the merchants\' settlement follow.',
      body: Strict({ amountMinor: MinorUnits, toWallet: Type.Optional(Type.Boolean({ description: 'Refund as wallet credit instead of through the provider' })) }),
      response: { 200: Type.Ref('PaymentIntent'), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => withTx(db, async (tx) => {
    // An order's money is refunded through the order (lines, order total, merchant settlement);
    // refunding the intent alone would leave the merchant paid for goods the shopper got back.
    const intent = await getPaymentIntent(tx, request.params.intentId);
    if (intent.orderId) {
      throw new DomainError('payments.refund_through_order', `Payment intent ${intent.id} pays order ${intent.orderId}: refund it with POST /v1/orders/${intent.orderId}/refunds`, { orderId: intent.orderId, refundRoute: `/v1/orders/${intent.orderId}/refunds` });
    }
    return refundPaymentIntent(tx, request.params.intentId, request.body.amountMinor, { toWallet: request.body.toWallet });
  }));

  // --- provider notifications ------------------------------------------------------------------
  app.post('/v1/payments/notifications/alipay', {
    config: { access: PUBLIC },
    schema: { operationId: 'receiveAlipayNotification',
      tags, summary: 'Alipay asynchronous notification (form-encoded, RSA2-signed); answers "success"',
      // The provider defines these fields, not us: any string parameters, verified by signature.
      body: Type.Record(Type.String(), Type.String()),
      response: { 200: Type.String(), ...problems(400, 404, 409, 422, 503) },
    },
  }, async (request, reply) => {
    try {
      await receiveNotification(db, 'alipay', request.body, undefined, settings);
    } catch (error) {
      request.log.warn({ err: error, notifyId: request.body.notify_id }, 'alipay notification refused');
      throw error;
    }
    return reply.type('text/plain').send('success');
  });

  app.post('/v1/payments/notifications/card_sandbox', {
    config: { access: PUBLIC },
    schema: { operationId: 'receiveCardSandboxNotification',
      tags, summary: `Card sandbox notification (JSON, HMAC-SHA256 in ${SANDBOX_SIGNATURE_HEADER})`,
      body: Type.Record(Type.String(), Type.Unknown()),
      response: { 200: Type.Object({ outcome: Type.String(), intentId: Type.String() }), ...problems(400, 404, 409) },
    },
  }, async (request) => {
    const signature = request.headers[SANDBOX_SIGNATURE_HEADER];
    try {
      return await receiveNotification(db, 'card_sandbox', request.body, typeof signature === 'string' ? signature : undefined, settings);
    } catch (error) {
      request.log.warn({ err: error }, 'card sandbox notification refused');
      throw error;
    }
  });

  // --- FX ---------------------------------------------------------------------------------------
  app.get('/v1/fx-rates', {
    config: { access: ANY_SIGNED_IN },
    schema: { operationId: 'listFxRates', tags, security, summary: 'Exchange rates, newest first', response: { 200: Type.Object({ items: Type.Array(FxRate) }), ...problems(401) } },
  }, async () => ({ items: await listFxRates(db) }));

  app.post('/v1/fx-rates', {
    config: { access: allow('operator') },
    schema: { operationId: 'setFxRate',
      tags, security, summary: 'Set a rate (1 base = rate quote) from a time on',
      body: Strict({ base: CurrencyCode, quote: CurrencyCode, rate: Type.String({ pattern: '^[0-9]+(\\.[0-9]{1,10})?$' }), effectiveAt: Type.Optional(Type.String({ format: 'date-time' })) }),
      response: { 201: FxRate, ...problems(400, 401, 403) },
    },
  }, async (request, reply) => {
    const rate = await withTx(db, (tx) => setFxRate(tx, { ...request.body, effectiveAt: request.body.effectiveAt ? new Date(request.body.effectiveAt) : new Date() }));
    return reply.status(201).send(rate);
  });

  app.get('/v1/fx-quote', {
    config: { access: PUBLIC },
    schema: { operationId: 'getFxQuote',
      tags, summary: 'What an amount is in another currency now (rounded half to even); for showing prices in the shopper\'s currency',
      querystring: Strict({ amountMinor: Type.Integer({ minimum: 0, maximum: 1e13 }), from: CurrencyCode, to: CurrencyCode }),
      response: { 200: Type.Object({ amountMinor: Type.Integer(), from: Type.String(), to: Type.String(), fromMinor: Type.Integer(), rate: Type.String(), rateId: Nullable(Uuid), inverse: Type.Boolean(), at: Timestamp }), ...problems(400, 422) },
    },
  }, async (request) => quoteConversion(db, request.query.amountMinor, request.query.from, request.query.to, new Date()));

  // --- settlement -------------------------------------------------------------------------------
  app.post('/v1/payments/order-settlements/:orderId', {
    config: { access: allow('operator') },
    schema: { operationId: 'settleOrder',
      tags, security, summary: 'Settle an order\'s paid lines to merchants (and reverse refunded parts); repeating changes nothing', params: IdParam('orderId'),
      response: { 200: Type.Object({ postings: Type.Array(Type.Object({ orderLineId: Uuid, merchantId: Uuid, currency: Type.String(), grossMinor: Type.Integer(), commissionMinor: Type.Integer(), netMinor: Type.Integer() })) }), ...problems(401, 403, 404) },
    },
  }, async (request) => ({ postings: await withTx(db, (tx) => recordOrderSettlement(tx, request.params.orderId)) }));

  app.post('/v1/settlement-runs', {
    config: { access: allow('operator') },
    schema: { operationId: 'runSettlement',
      tags, security, summary: 'Close a period: a payout statement per merchant and currency',
      body: Strict({ periodStart: Type.String({ format: 'date-time' }), periodEnd: Type.String({ format: 'date-time' }), merchantId: Type.Optional(Uuid) }),
      response: { 201: Type.Object({ items: Type.Array(SettlementRun) }), ...problems(400, 401, 403) },
    },
  }, async (request, reply) => {
    const runs = await withTx(db, (tx) => runSettlement(tx, { start: new Date(request.body.periodStart), end: new Date(request.body.periodEnd), merchantId: request.body.merchantId }));
    return reply.status(201).send({ items: runs });
  });

  app.get('/v1/merchants/:merchantId/settlement-runs', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'listSettlementRuns', tags, security, summary: 'A merchant\'s payout statements', params: IdParam('merchantId'), response: { 200: Type.Object({ items: Type.Array(SettlementRun) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listSettlementRuns(db, request.params.merchantId) }));

  app.get('/v1/merchants/:merchantId/balances', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'getMerchantBalances',
      tags, security, summary: 'What the platform owes the merchant (settled, not paid out) and has paid out, per currency', params: IdParam('merchantId'),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ currency: Type.String(), payableMinor: Type.Integer(), paidOutMinor: Type.Integer() })) }), ...problems(401, 403, 404) },
    },
  }, async (request) => ({ items: await merchantBalances(db, request.params.merchantId) }));

  app.get('/v1/merchants/:merchantId/settlement-runs/:runId/statement.csv', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'getSettlementStatementCsv',
      tags, security, summary: 'A payout statement as CSV', params: Strict({ merchantId: Uuid, runId: Uuid }),
      produces: ['text/csv'], response: { 200: Type.String(), ...problems(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { filename, csv } = await settlementStatementCsv(db, request.params.merchantId, request.params.runId);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });

  // --- member payment code ------------------------------------------------------------------------
  app.post('/v1/member-devices', {
    config: { access: allow('shopper') },
    schema: { operationId: 'registerMemberDevice', tags, security, summary: 'Register this device for member codes', body: Strict({ label: Type.String({ minLength: 1, maxLength: 80 }) }), response: { 201: MemberDevice, ...problems(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => registerMemberDevice(tx, principalOf(request).accountId, request.body.label))));

  app.get('/v1/member-devices', {
    config: { access: allow('shopper') },
    schema: { operationId: 'listMemberDevices', tags, security, summary: 'The shopper\'s member-code devices', response: { 200: Type.Object({ items: Type.Array(MemberDevice) }), ...problems(401, 403) } },
  }, async (request) => ({ items: await listMemberDevices(db, principalOf(request).accountId) }));

  app.delete('/v1/member-devices/:deviceId', {
    config: { access: allow('shopper') },
    schema: { operationId: 'revokeMemberDevice', tags, security, summary: 'Revoke a device: its member codes stop working', params: IdParam('deviceId'), response: { 204: Type.Null(), ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(db, (tx) => revokeMemberDevice(tx, principalOf(request).accountId, request.params.deviceId));
    return reply.status(204).send(null);
  });

  app.get('/v1/member-devices/:deviceId/code', {
    config: { access: allow('shopper') },
    schema: { operationId: 'getMemberCode',
      tags, security, summary: 'The member code to show now (rotates every 30 s), with its QR image', params: IdParam('deviceId'),
      response: { 200: Type.Object({ code: Type.String(), deviceId: Uuid, validFrom: Timestamp, expiresAt: Timestamp, periodSeconds: Type.Integer(), qr: Type.String({ description: 'PNG data URL' }) }), ...problems(401, 403, 404) },
    },
  }, async (request, reply) => {
    const code = await currentMemberCode(db, principalOf(request).accountId, request.params.deviceId);
    reply.header('cache-control', 'no-store');
    return { ...code, qr: await memberCodeQr(code.code) };
  });

  app.post('/v1/locations/:locationId/till/charges', {
    config: { access: allow('associate', 'operator').forLocationParam('locationId') },
    schema: { operationId: 'chargeAtTill',
      tags, security, summary: 'At the till: identify the shopper by member code and charge the wallet', params: IdParam('locationId'),
      body: Strict({ memberCode: Type.String({ minLength: 1, maxLength: 40 }), amountMinor: MinorUnits, currency: CurrencyCode, orderId: Type.Optional(Uuid) }),
      response: { 201: Type.Object({ intent: Type.Ref('PaymentIntent'), balanceMinor: Type.Integer(), shopper: Type.Object({ accountId: Uuid, displayName: Type.String() }) }), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const result = await withTx(db, async (tx) => {
      const accountId = await verifyMemberCode(tx, request.body.memberCode, new Date());
      const { balanceMinor, ...intent } = await payFromWallet(tx, { accountId, amountMinor: request.body.amountMinor, currency: request.body.currency, orderId: request.body.orderId ?? null });
      const account = await getAccount(tx, accountId);
      return { intent, balanceMinor, shopper: { accountId, displayName: account.displayName } };
    });
    return reply.status(201).send(result);
  });

  // --- ledger -------------------------------------------------------------------------------------
  app.get('/v1/ledger/check', {
    config: { access: allow('operator') },
    schema: { operationId: 'checkLedger',
      tags, security, summary: 'Verify every ledger invariant',
      response: { 200: Type.Object({ ok: Type.Boolean(), entries: Type.Integer(), lines: Type.Integer(), accounts: Type.Integer(), violations: Type.Array(Type.Object({ invariant: Type.String(), detail: Type.String() })) }), ...problems(401, 403) },
    },
  }, async () => checkLedger(db));
};
