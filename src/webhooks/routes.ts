import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { allow, principalOf, PUBLIC } from '../http/auth.js';
import { IdParam, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { TOPICS, envelopeSchema } from './catalogue.js';
import { createSubscription, deleteSubscription, getSubscription, listDeliveries, listSubscriptions, replayDelivery, updateSubscription } from './service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const TopicList = Type.Array(Type.String({ pattern: '^[a-z_]+\\.[a-z_.]+$' }), { minItems: 1, maxItems: 50, description: 'Topics from GET /v1/webhook-topics' });
const WebhookUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'Receives a POST per event (HTTPS in production)' });

const WebhookSubscription = Type.Object({
  id: Uuid,
  merchantId: Type.Union([Uuid, Type.Null()], { description: 'null: a platform subscription (every merchant\'s events)' }),
  url: Type.String(), topics: Type.Array(Type.String()), description: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  consecutiveFailures: Type.Integer({ description: 'Failed attempts in a row; the subscription is disabled when it reaches the limit' }),
  disabledAt: Type.Union([Timestamp, Type.Null()]), disabledReason: Nullable(Type.String()), createdAt: Timestamp,
}, { $id: 'WebhookSubscription' });

const WebhookAttempt = Type.Object({
  id: Type.Integer(), attemptedAt: Timestamp, durationMs: Type.Integer(),
  statusCode: Type.Union([Type.Integer(), Type.Null()], { description: 'The receiver\'s HTTP status; null when it did not answer' }),
  error: Nullable(Type.String()), responseExcerpt: Nullable(Type.String({ description: 'First 500 characters of the answer' })),
});

const WebhookDelivery = Type.Object({
  id: Uuid, subscriptionId: Uuid, eventId: Uuid, topic: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivering'), Type.Literal('succeeded'), Type.Literal('dead')], { description: 'dead: every attempt failed (dead-letter); replay sends it again' }),
  attempts: Type.Integer({ description: 'Attempts in the current round' }), nextAttemptAt: Timestamp,
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]), lastError: Nullable(Type.String()),
  createdAt: Timestamp, deliveredAt: Type.Union([Timestamp, Type.Null()]),
}, { $id: 'WebhookDelivery' });

export const webhookRoutes: RoutesPlugin = (app, { database }) => {
  const { db } = database;
  app.addSchema(WebhookSubscription);
  app.addSchema(WebhookDelivery);
  const tags = ['webhooks'];
  const security = [{ bearer: [] }];
  const owners = allow('merchant', 'operator');
  const SubscriptionParam = IdParam('subscriptionId');

  app.get('/v1/webhook-topics', {
    config: { access: PUBLIC },
    schema: {
      tags, summary: 'The event catalogue: every topic a subscription may name, with its version and payload schema', operationId: 'listWebhookTopics',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ topic: Type.String(), version: Type.Integer(), description: Type.String(), schema: Type.Unknown() })) }) },
    },
  }, async () => ({ items: TOPICS.map((t) => ({ topic: t.topic, version: t.version, description: t.description, schema: envelopeSchema(t) })) }));

  app.post('/v1/webhook-subscriptions', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'createWebhookSubscription',
      summary: 'Subscribe a URL to topics. Merchant staff subscribe for their merchant; an operator for the platform or, with merchantId, for a merchant. The signing secret is in this answer only.',
      body: Strict({ url: WebhookUrl, topics: TopicList, description: Type.Optional(Type.String({ maxLength: 200 })), merchantId: Type.Optional(Uuid) }),
      response: { 201: Type.Intersect([Type.Ref('WebhookSubscription'), Type.Object({ secret: Type.String({ description: 'HMAC-SHA256 key of the Mercato-Signature header; store it now' }) })]), ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createSubscription(tx, principalOf(request), request.body))));

  app.get('/v1/webhook-subscriptions', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'listWebhookSubscriptions', summary: 'Subscriptions the caller manages (an operator sees all, or one merchant\'s with merchantId)',
      querystring: Strict({ merchantId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('WebhookSubscription')) }), ...problems(401, 403) },
    },
  }, async (request) => ({ items: await listSubscriptions(db, principalOf(request), request.query) }));

  app.get('/v1/webhook-subscriptions/:subscriptionId', {
    config: { access: owners },
    schema: { tags, security, operationId: 'getWebhookSubscription', summary: 'One subscription', params: SubscriptionParam, response: { 200: Type.Ref('WebhookSubscription'), ...problems(401, 403, 404) } },
  }, async (request) => getSubscription(db, principalOf(request), request.params.subscriptionId));

  app.patch('/v1/webhook-subscriptions/:subscriptionId', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'updateWebhookSubscription', summary: 'Change URL, topics or description; status active re-enables a disabled subscription (its waiting deliveries then go out)',
      params: SubscriptionParam,
      body: Strict({ url: Type.Optional(WebhookUrl), topics: Type.Optional(TopicList), description: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) }, { minProperties: 1 }),
      response: { 200: Type.Ref('WebhookSubscription'), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => withTx(db, (tx) => updateSubscription(tx, principalOf(request), request.params.subscriptionId, request.body)));

  app.delete('/v1/webhook-subscriptions/:subscriptionId', {
    config: { access: owners },
    schema: { tags, security, operationId: 'deleteWebhookSubscription', summary: 'Delete a subscription with its delivery log', params: SubscriptionParam, response: { 204: Type.Null(), ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(db, (tx) => deleteSubscription(tx, principalOf(request), request.params.subscriptionId));
    return reply.status(204).send(null);
  });

  app.get('/v1/webhook-subscriptions/:subscriptionId/deliveries', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'listWebhookDeliveries', summary: 'The delivery log: newest first, each with its attempts and the receiver\'s status codes',
      params: SubscriptionParam,
      querystring: Strict({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivering'), Type.Literal('succeeded'), Type.Literal('dead')])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Type.Ref('WebhookDelivery'), Type.Object({ attemptLog: Type.Array(WebhookAttempt) })])) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => ({ items: await listDeliveries(db, principalOf(request), request.params.subscriptionId, request.query) }));

  app.post('/v1/webhook-deliveries/:deliveryId/replay', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'replayWebhookDelivery', summary: 'Send a delivery again (same event id and body), e.g. a dead-lettered one once the receiver is fixed',
      params: IdParam('deliveryId'), response: { 202: Type.Ref('WebhookDelivery'), ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(202).send(await withTx(db, (tx) => replayDelivery(tx, principalOf(request), request.params.deliveryId))));
};
