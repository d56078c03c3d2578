import { registerProblems, type CodesOf } from '../http/problem.js';

export const inventoryProblems = registerProblems({
  'inventory.sold_out': { status: 409, title: 'Sold out' },
  'inventory.insufficient': { status: 409, title: 'Not enough stock for this change' },
  'inventory.invalid_lines': { status: 422, title: 'The reservation lines are not valid' },
  'inventory.sku_not_found': { status: 404, title: 'SKU not found' },
  'inventory.location_unavailable': { status: 409, title: 'The location is not live' },
  'inventory.returns_not_accepted': { status: 422, title: 'This location does not accept returns' },
  'inventory.reservation_not_found': { status: 404, title: 'Reservation not found' },
  'inventory.reservation_not_held': { status: 409, title: 'The reservation is no longer held' },
  'inventory.reservation_expired': { status: 409, title: 'The reservation has expired' },
  'inventory.request_abandoned': { status: 400, title: 'The client went away before the reservation was made' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof inventoryProblems> {}
}
