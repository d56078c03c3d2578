import { registerProblems } from '../http/problem.js';

export const locationProblems = registerProblems({
  'locations.not_found': { status: 404, title: 'Location not found' },
});
