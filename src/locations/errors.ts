import { registerProblems, type CodesOf } from '../http/problem.js';

export const locationProblems = registerProblems({
  'locations.not_found': { status: 404, title: 'Location not found' },
  'locations.code_taken': { status: 409, title: 'Another location has this code' },
  'locations.invalid': { status: 422, title: 'The location settings are not consistent' },
  'locations.in_use': { status: 409, title: 'The location still holds stock or bookings' },
  'locations.no_pickup': { status: 422, title: 'This location does not offer pickup' },
  'locations.slot_unknown': { status: 422, title: 'No pickup slot starts at that time' },
  'locations.slot_full': { status: 409, title: 'The pickup slot is full' },
  'locations.booking_not_found': { status: 404, title: 'Pickup slot booking not found' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof locationProblems> {}
}
