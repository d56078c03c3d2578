import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../http/schemas.js';

/** Response schemas of the cross-domain flows (checkout, after-sale, till) for the OpenAPI document. */
const Open = <T extends TProperties>(properties: T, description?: string) => Type.Object(properties, { additionalProperties: true, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

const Slot = Open({ start: Timestamp, end: Timestamp, remaining: Type.Integer({ description: 'Places left' }) });

export const FulfilmentOptionsOut = Type.Object({
  options: Type.Array(Open({
    id: Type.String({ description: 'Pass back to checkout as optionId' }),
    kind: Type.String({ description: 'express_delivery | standard_shipping | store_pickup | partner_pickup | split' }),
    feeMinor: Type.Integer(), currency: Currency,
    shipments: Type.Array(Open({
      kind: Type.String(), sourceLocationId: Uuid, sourceName: Type.String(), pickupLocationId: Nullable(Uuid), distanceMetres: Nullable(Type.Number()),
      feeMinor: Type.Integer(), lines: Type.Array(Open({ skuId: Uuid, quantity: Type.Integer() })),
      earliestSlot: Type.Union([Slot, Type.Null()]), slots: Type.Array(Slot), estimatedDelivery: Nullable(Type.String({ description: 'Earliest arrival date (ISO date)' })),
    })),
  })),
  notOffered: Type.Array(Open({ kind: Type.String(), reason: Type.String() }), { description: 'What is not offered for this cart and address, and why' }),
});

export const CheckoutOut = Open({
  orderId: Uuid, status: Type.String({ description: 'paid (wallet) or pending_payment (awaiting the provider)' }), totalMinor: Type.Integer(), currency: Currency,
  paymentIntentId: Uuid,
  nextAction: Type.Union([Open({
    type: Type.String({ description: 'none | await_notification | alipay_request' }), provider: Type.Optional(Type.String()), gateway: Type.Optional(Type.String()),
    params: Type.Optional(Type.Record(Type.String(), Type.String())),
  }), Type.Null()]),
  walletPayment: Type.Optional(Open({
    currency: Currency, amountMinor: Type.Integer({ description: 'What left the wallet, in its currency' }),
    rate: Type.String({ description: '1 unit of the order currency = rate units of the wallet currency (1/r when the recorded rate is the inverse pair)' }),
  }, 'Paid from a wallet in another currency: converted at checkout, the conversion recorded')),
}, 'The placed order and what the shopper must do next to pay');

export const CancelOut = Type.Object({ orderId: Uuid, status: Type.String({ description: 'cancelled' }) });

export const ReturnOut = Open({
  id: Uuid, orderId: Uuid, locationId: Uuid, acceptedBy: Nullable(Uuid), refundTo: Type.String({ description: 'original | wallet' }),
  amountMinor: Type.Integer(), currency: Currency, reason: Nullable(Type.String()), createdAt: Timestamp,
});

export const PickOut = Type.Object({
  refundedMinor: Type.Integer({ description: 'Refunded at once for units not found (and the delivery fee of a parcel closed empty)' }),
  closed: Type.Boolean({ description: 'Nothing was found for any line: the parcel was closed instead of packed' }),
});

export const ScanOut = Type.Object({ skuId: Uuid });
export const MemberOut = Type.Object({ accountId: Uuid });

export const ReceiptOut = Open({
  orderId: Uuid, receiptNumber: Type.String(), locationId: Uuid,
  lines: Type.Array(Open({ skuId: Uuid, quantity: Type.Integer(), unitPriceMinor: Type.Integer(), amountMinor: Type.Integer() })),
  totalMinor: Type.Integer(), currency: Currency, paymentIntentId: Uuid, paymentStatus: Type.String(), deliveryFulfilmentId: Nullable(Uuid), issuedAt: Timestamp,
});

export const OperatorRefundOut = Open({
  orderId: Uuid, currency: Currency, amountMinor: Type.Integer(), refundedMinor: Type.Integer({ description: 'Refunded on the order so far' }), paymentStatus: Type.String(),
  lines: Type.Array(Open({})),
});
