import { registerProblems, type CodesOf } from '../http/problem.js';

export const apiKeyProblems = registerProblems({
  'api_keys.invalid': { status: 401, title: 'Unknown or revoked API key' },
  'api_keys.publishable_not_allowed': { status: 403, title: 'A publishable key may only call public routes' },
  'api_keys.scope': { status: 403, title: 'The API key lacks the scope for this call' },
  'api_keys.not_found': { status: 404, title: 'API key not found' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof apiKeyProblems> {}
}
