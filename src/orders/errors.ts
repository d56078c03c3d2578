import { registerProblems, type CodesOf } from '../http/problem.js';

export const orderProblems = registerProblems({
  'orders.cart_not_found': { status: 404, title: 'Cart not found' },
  'orders.cart_closed': { status: 409, title: 'The cart is no longer open' },
  'orders.cart_empty': { status: 422, title: 'The cart is empty' },
  'orders.sku_not_found': { status: 422, title: 'Unknown or unavailable SKU' },
  'orders.not_found': { status: 404, title: 'Order not found' },
  'orders.fulfilment_not_found': { status: 404, title: 'Fulfilment not found' },
  'orders.illegal_transition': { status: 409, title: 'That step is not possible in the current state' },
  'orders.option_unavailable': { status: 409, title: 'The chosen fulfilment option is no longer available' },
  'orders.pickup_code_wrong': { status: 422, title: 'The pickup code does not match' },
  'orders.pickup_code_locked': { status: 429, title: 'Too many wrong pickup codes; the parcel is locked' },
  'orders.not_cancellable': { status: 409, title: 'The order can no longer be cancelled' },
  'orders.return_exceeds': { status: 422, title: 'More units returned than were bought' },
  'orders.returns_not_accepted': { status: 409, title: 'This location does not accept returns' },
  'orders.parcel_not_due': { status: 409, title: 'The parcel is still waiting for the shopper' },
  'orders.not_refundable': { status: 409, title: 'The order cannot be refunded in its current state' },
  'orders.delivery_out_of_range': { status: 422, title: 'The address is outside the store\'s delivery radius' },
  'orders.shopper_not_identified': { status: 422, title: 'The member code does not identify a shopper' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof orderProblems> {}
}
