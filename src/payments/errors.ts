import { registerProblems, type CodesOf } from '../http/problem.js';

export const paymentProblems = registerProblems({
  'payments.insufficient_funds': { status: 409, title: 'The wallet balance does not cover the amount' },
  'payments.wallet_not_found': { status: 404, title: 'No wallet in that currency' },
  'payments.intent_not_found': { status: 404, title: 'Payment intent not found' },
  'payments.invalid_transition': { status: 409, title: 'The payment intent cannot make that move from its current state' },
  'payments.refund_exceeds_capture': { status: 409, title: 'A refund cannot exceed what was captured' },
  'payments.capture_exceeds_authorisation': { status: 409, title: 'A capture cannot exceed what was authorised' },
  'payments.amount_invalid': { status: 400, title: 'The amount is not valid' },
  'payments.amount_mismatch': { status: 409, title: 'The amount or currency does not match the order' },
  'payments.order_not_found': { status: 404, title: 'Order not found' },
  'payments.currency_unknown': { status: 400, title: 'Unknown currency' },
  'payments.top_up_too_large': { status: 422, title: 'The top-up is above the maximum for one top-up' },
  'payments.card_unknown': { status: 400, title: 'Not a card sandbox test card' },
  'payments.card_declined': { status: 402, title: 'The card was declined' },
  'payments.refund_through_order': { status: 409, title: 'This payment belongs to an order: refund it through the order' },
  'payments.card_required': { status: 400, title: 'The card sandbox needs a test card number' },
  // A provider this deployment does not offer (not configured or turned off) is the caller's choice to change, not an outage.
  'payments.provider_unavailable': { status: 422, title: 'This payment provider is not offered here' },
  'payments.bad_signature': { status: 400, title: 'The notification signature does not verify' },
  'payments.notification_invalid': { status: 400, title: 'The notification is not one this provider sends' },
  'payments.fx_rate_missing': { status: 422, title: 'No exchange rate in effect for the currency pair' },
  'payments.fx_rate_invalid': { status: 400, title: 'The exchange rate is not valid' },
  'payments.member_code_invalid': { status: 422, title: 'The member code is not valid, has expired or was already used' },
  'payments.device_not_found': { status: 404, title: 'Member device not found' },
  'payments.cursor_invalid': { status: 400, title: 'Invalid cursor' },
  'payments.settlement_run_not_found': { status: 404, title: 'Settlement run not found' },
  'payments.settlement_period_invalid': { status: 400, title: 'The settlement period is not valid' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof paymentProblems> {}
}
