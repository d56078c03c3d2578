import { registerProblems, type CodesOf } from '../http/problem.js';

export const identityProblems = registerProblems({
  'identity.invalid_credentials': { status: 401, title: 'Email or password is wrong' },
  'identity.session_invalid': { status: 401, title: 'The session token is unknown or expired' },
  'identity.email_taken': { status: 409, title: 'An account with this email already exists' },
  'identity.login_throttled': { status: 429, title: 'Too many failed sign-ins; wait before trying again' },
  'identity.password_weak': { status: 400, title: 'The password does not meet the rules' },
  'identity.sign_up_throttled': { status: 429, title: 'Too many sign-ups from this address; wait before trying again' },
  'identity.binding_invalid': { status: 400, title: 'Role binding does not match the role' },
  'identity.account_not_found': { status: 404, title: 'Account not found' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof identityProblems> {}
}
