import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../http/schemas.js';

/**
 * Response schemas of the orders API, for the OpenAPI document and the generated clients.
 * Open objects (additionalProperties allowed): the serializer keeps every field a service
 * returns, and a field added later does not break older clients.
 */
const Open = <T extends TProperties>(properties: T, description?: string) => Type.Object(properties, { additionalProperties: true, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const NullableTime = Type.Union([Timestamp, Type.Null()]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

export const DestinationOut = Open({
  latitude: Type.Number(), longitude: Type.Number(),
  address: Type.Optional(Type.String()), city: Type.Optional(Type.String()), country: Type.Optional(Type.String()),
});

export const OrderSummary = Open({
  id: Uuid, accountId: Nullable(Uuid), channel: Type.String({ description: 'web | app | pos' }),
  status: Type.String({ description: 'pending_payment | paid | fulfilling | completed | cancelled' }),
  currency: Currency, totalMinor: Type.Integer(), subtotalMinor: Type.Integer(), shippingMinor: Type.Integer(), refundedMinor: Type.Integer(),
  paymentMethod: Nullable(Type.String()), paymentStatus: Type.String({ description: 'unpaid | paid | partially_refunded | refunded' }),
  placedAt: Timestamp, paidAt: NullableTime, cancelledAt: NullableTime,
  cartId: Nullable(Uuid), locationId: Nullable(Uuid), destination: Type.Union([DestinationOut, Type.Null()]),
}, 'An order; amounts in minor units of `currency`');

export const OrderLineOut = Open({
  id: Uuid, orderId: Uuid, merchantId: Uuid, skuId: Uuid, quantity: Type.Integer(), unitPriceMinor: Type.Integer(), amountMinor: Type.Integer(),
  currency: Currency, refundedMinor: Type.Integer(), returnedQuantity: Type.Integer(), paidAt: NullableTime,
  productId: Type.Optional(Nullable(Uuid)),
});

export const FulfilmentOut = Open({
  id: Uuid, orderId: Uuid,
  kind: Type.String({ description: 'express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home' }),
  status: Type.String(), sourceLocationId: Uuid, pickupLocationId: Nullable(Uuid), destination: Type.Union([DestinationOut, Type.Null()]),
  slotStart: NullableTime, slotEnd: NullableTime, feeMinor: Type.Integer(),
  pickupCode: Type.Optional(Nullable(Type.String({ description: 'Only the shopper sees it' }))),
  hasPickupCode: Type.Optional(Type.Boolean({ description: 'Staff see whether a code was issued, never the code' })),
  receivedAt: Type.Optional(NullableTime), collectBy: Type.Optional(NullableTime), createdAt: Timestamp, updatedAt: Timestamp,
});

export const OrderDetail = Open({
  ...OrderSummary.properties,
  lines: Type.Array(OrderLineOut),
  fulfilments: Type.Array(Open({
    ...FulfilmentOut.properties,
    pickupQr: Nullable(Type.String({ description: 'QR payload for the pickup desk; only the shopper sees it' })),
    lines: Type.Array(Open({ orderLineId: Uuid, quantity: Type.Integer(), pickedQuantity: Nullable(Type.Integer()) })),
  })),
}, 'An order with its lines and fulfilments (where and when), as the caller may see it');

export const OrderPage = Type.Object({ items: Type.Array(OrderSummary), nextCursor: Nullable(Type.String()) });

export const OrderHistory = Type.Object({
  items: Type.Array(Open({
    id: Type.Integer(), orderId: Uuid, fulfilmentId: Nullable(Uuid), actorAccountId: Nullable(Uuid), action: Type.String(),
    fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()), detail: Type.Record(Type.String(), Type.Unknown()), at: Timestamp,
  })),
});

export const LocationQueue = Type.Object({
  items: Type.Array(Open({
    fulfilment: FulfilmentOut,
    lines: Type.Array(Open({ orderLineId: Uuid, skuId: Uuid, quantity: Type.Integer(), pickedQuantity: Nullable(Type.Integer()) })),
  })),
});

export const CartView = Open({
  id: Uuid, accountId: Nullable(Uuid), channel: Type.String(), currency: Currency, status: Type.String({ description: 'open | merged | converted | abandoned' }),
  locationId: Nullable(Uuid), createdAt: Timestamp, updatedAt: Timestamp,
  lines: Type.Array(Open({
    skuId: Uuid, quantity: Type.Integer(), skuCode: Nullable(Type.String()), productId: Nullable(Uuid),
    unitPriceMinor: Nullable(Type.Integer()), amountMinor: Nullable(Type.Integer()), merchantId: Nullable(Uuid),
    problem: Type.Union([Open({ code: Type.String(), detail: Type.String() }), Type.Null()], { description: 'Why this line cannot be sold now; null when it can' }),
  })),
  subtotalMinor: Type.Integer(),
  checkoutReady: Type.Boolean({ description: 'Every line can be sold and priced' }),
}, 'A cart priced for its buyer now; amounts in minor units of `currency`');
