import { registerProblems } from '../http/problem.js';

export const merchantProblems = registerProblems({
  'merchants.not_found': { status: 404, title: 'Merchant not found' },
});
