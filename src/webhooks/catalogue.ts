import { Type, type TSchema } from '@sinclair/typebox';
import type { Tx } from '../db/tx.js';
import type { Principal } from '../identity/index.js';
import { DomainError } from '../http/problem.js';
import { getOrder } from '../orders/index.js';

/**
 * The event catalogue: every topic an integrator may subscribe to, with the version of its
 * payload and a JSON schema for it. docs/events.md is generated from this file
 * (`npm run docs:events`) and a test fails when the two disagree.
 *
 * A delivery's body is an envelope: `data.object` is the resource as the API would return it
 * to the subscriber (a merchant's subscription sees the order as that merchant's staff see it:
 * their lines only), read when the delivery is created, moments after the event committed;
 * `data.change` is what happened (the transition, a reason, the fulfilment concerned).
 * Topics not listed here (stock holds, ledger internals) stay internal.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTimestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Minor = Type.Integer({ description: 'Amount in minor units of `currency`' });

const Place = Type.Union([Type.Object({
  latitude: Type.Number(), longitude: Type.Number(), address: Type.Optional(Type.String()), city: Type.Optional(Type.String()), country: Type.Optional(Type.String()),
}), Type.Null()]);

export const OrderResource = Type.Object({
  id: Type.String({ format: 'uuid' }),
  accountId: NullableString,
  channel: Type.Union([Type.Literal('web'), Type.Literal('app'), Type.Literal('pos')]),
  status: Type.String({ description: 'pending_payment, paid, fulfilling, completed, cancelled' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  totalMinor: Minor, subtotalMinor: Minor, shippingMinor: Minor, refundedMinor: Minor,
  paymentMethod: NullableString,
  paymentStatus: Type.String(),
  placedAt: Type.String({ format: 'date-time' }),
  paidAt: NullableTimestamp,
  cancelledAt: NullableTimestamp,
  locationId: NullableString,
  destination: Place,
  lines: Type.Array(Type.Object({
    id: Type.String({ format: 'uuid' }), merchantId: Type.String({ format: 'uuid' }), skuId: Type.String({ format: 'uuid' }),
    quantity: Type.Integer({ minimum: 1 }), unitPriceMinor: Minor, amountMinor: Minor, currency: Type.String(), refundedMinor: Minor,
  }, { additionalProperties: true }), { description: 'For a merchant\'s subscription: that merchant\'s lines only' }),
  fulfilments: Type.Array(Type.Object({
    id: Type.String({ format: 'uuid' }), kind: Type.String(), status: Type.String(), sourceLocationId: Type.String({ format: 'uuid' }),
    pickupLocationId: NullableString, slotStart: NullableTimestamp, slotEnd: NullableTimestamp, feeMinor: Minor, collectBy: NullableTimestamp,
    pickupCode: Type.Null({ description: 'Never sent: only the shopper sees it' }),
    lines: Type.Array(Type.Object({ orderLineId: Type.String({ format: 'uuid' }), quantity: Type.Integer(), pickedQuantity: Type.Union([Type.Integer(), Type.Null()]) })),
  }, { additionalProperties: true })),
}, { additionalProperties: true, description: 'The order as GET /v1/orders/{orderId} returns it' });

const Change = Type.Object({
  from: Type.Optional(Type.String({ description: 'Status before' })),
  to: Type.Optional(Type.String({ description: 'Status after' })),
  fulfilmentId: Type.Optional(Type.String({ format: 'uuid' })),
  kind: Type.Optional(Type.String({ description: 'Fulfilment kind' })),
  reason: Type.Optional(NullableString),
  returnId: Type.Optional(Type.String({ format: 'uuid' })),
  amountMinor: Type.Optional(Minor),
  refundedMinor: Type.Optional(Minor),
  locationId: Type.Optional(Type.String({ format: 'uuid' })),
  channel: Type.Optional(Type.String()),
}, { additionalProperties: false });
const CHANGE_FIELDS = Object.keys(Change.properties);

export interface TopicDefinition {
  topic: string;
  version: number;
  description: string;
  /** The resource carried in `data.object`. */
  resource: 'order';
}

const order = (topic: string, description: string): TopicDefinition => ({ topic, version: 1, description, resource: 'order' });

export const TOPICS: readonly TopicDefinition[] = [
  order('order.placed', 'An order was placed (web, app or till); payment may still be pending.'),
  order('order.paid', 'The order\'s payment was captured.'),
  order('order.completed', 'Every fulfilment of the order reached its end (delivered, picked up, taken away).'),
  order('order.cancelled', 'The order was cancelled; `change.reason` says why. Paid amounts are refunded.'),
  order('order.expired', 'An unpaid order ran out of time and was cancelled; its stock is back on sale.'),
  order('order.returned', 'Items were returned in a store; `change.returnId` and `change.amountMinor` describe the refund.'),
  order('order.refunded', 'An operator refunded part of the order without a return (goodwill); `change.amountMinor` and `change.reason` say how much and why.'),
  order('order.returned_to_sender', 'Every parcel of the order came back uncollected; the order is closed as returned and refunded.'),
  order('fulfilment.picking', 'A store started picking a fulfilment (`change.fulfilmentId`).'),
  order('fulfilment.packed', 'A fulfilment was packed.'),
  order('fulfilment.ready_for_pickup', 'A click-and-collect fulfilment is ready at the store.'),
  order('fulfilment.out_for_delivery', 'A delivery from a store left with the courier.'),
  order('fulfilment.shipped', 'A parcel left the warehouse.'),
  order('fulfilment.sent_to_partner', 'A parcel is on its way to a partner pickup point.'),
  order('fulfilment.received_at_partner', 'The partner pickup point received the parcel; see the fulfilment\'s `collectBy`.'),
  order('fulfilment.delivered', 'A delivery reached the shopper.'),
  order('fulfilment.picked_up', 'The shopper collected the fulfilment with its code.'),
  order('fulfilment.returned_to_sender', 'An uncollected parcel went back to the sender.'),
  order('fulfilment.cancelled', 'A fulfilment was cancelled.'),
  order('fulfilment.short_picked', 'Fewer units than ordered were picked; `change.refundedMinor` was refunded.'),
];

const byTopic = new Map(TOPICS.map((t) => [t.topic, t]));

export function topicDefinition(topic: string): TopicDefinition | undefined {
  return byTopic.get(topic);
}

export function assertKnownTopics(topics: readonly string[]): void {
  const unknown = topics.filter((t) => !byTopic.has(t));
  if (unknown.length) throw new DomainError('webhooks.unknown_topic', `Unknown topics: ${unknown.join(', ')}; GET /v1/webhook-topics lists them`, { unknown });
}

/** The JSON schema of a delivery's body for one topic. */
export function envelopeSchema(definition: TopicDefinition): TSchema {
  return Type.Object({
    id: Type.String({ format: 'uuid', description: 'The event id: the same on every retry and replay; dedupe on it' }),
    type: Type.Literal(definition.topic),
    version: Type.Literal(definition.version),
    createdAt: Type.String({ format: 'date-time', description: 'When the event committed' }),
    merchantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'The subscription\'s merchant; null for a platform subscription' }),
    data: Type.Object({ object: OrderResource, change: Change }),
  }, { $id: `${definition.topic}.v${definition.version}`, additionalProperties: false });
}

/** Who a delivery is rendered for: the platform (operator view) or one merchant. */
export type Audience = { merchantId: string | null };

const SYSTEM_ACCOUNT = '00000000-0000-0000-0000-000000000000';

function audiencePrincipal(audience: Audience): Principal {
  return audience.merchantId
    ? { accountId: SYSTEM_ACCOUNT, email: 'webhooks@mercato.invalid', role: 'merchant', merchantId: audience.merchantId, locationId: null }
    : { accountId: SYSTEM_ACCOUNT, email: 'webhooks@mercato.invalid', role: 'operator', merchantId: null, locationId: null };
}

/**
 * The resource for one audience, or null when the audience may not see it (a merchant with no
 * line in the order): then that subscription gets no delivery.
 */
export async function renderResource(tx: Tx, definition: TopicDefinition, payload: Record<string, unknown>, aggregateId: string, audience: Audience): Promise<unknown | null> {
  const orderId = typeof payload.orderId === 'string' ? payload.orderId : aggregateId;
  try {
    return JSON.parse(JSON.stringify(await getOrder(tx, audiencePrincipal(audience), orderId)));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'orders.not_found') return null;
    throw error;
  }
}

/** What happened, without anything that belongs to other merchants (e.g. all the order's lines). */
export function changeOf(topic: string, aggregateId: string, payload: Record<string, unknown>): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  for (const field of CHANGE_FIELDS) if (payload[field] !== undefined) change[field] = payload[field];
  if (topic.startsWith('fulfilment.') && change.fulfilmentId === undefined) change.fulfilmentId = aggregateId;
  return change;
}
