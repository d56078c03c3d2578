import { registerProblems, type CodesOf } from '../http/problem.js';

export const insightsProblems = registerProblems({
  'insights.customer_not_found': { status: 404, title: 'No such customer' },
  'insights.offer_not_found': { status: 404, title: 'No such offer' },
  'insights.offer_code_taken': { status: 409, title: 'An offer with this code exists' },
  'insights.offer_not_for_shopper': { status: 422, title: 'This offer was not sent to this shopper' },
  'insights.offer_not_valid_now': { status: 422, title: 'The offer is not valid at this time' },
  'insights.offer_already_redeemed': { status: 409, title: 'The shopper has already redeemed this offer' },
  'insights.fx_rate_missing': { status: 422, title: 'No exchange rate recorded for a currency in the report' },
  'insights.range_invalid': { status: 400, title: 'The date range is not valid' },
  'insights.segment_empty': { status: 422, title: 'The segment has no customers' },
  'insights.import_header_invalid': { status: 400, title: 'The file does not start with the expected header' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof insightsProblems> {}
}
