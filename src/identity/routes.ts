import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { PUBLIC, allow, bearerToken, principalOf } from '../http/auth.js';
import { Email, Locale, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { createAccount, endSession, getAccount, signIn, signUp, updateProfile } from './service.js';
import { PASSWORD_MIN_LENGTH, ROLES } from './model.js';

/** Every role, analysts included, may see its own account and sign out. */
const EVERY_ROLE = allow(...ROLES);

const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH, maxLength: 200,
  description: 'At least 10 characters, not one character repeated or only spaces, not containing the e-mail\'s local part, not a common password',
});
const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

const Account = Type.Object({
  id: Uuid, email: Type.String(), displayName: Type.String(), role: RoleSchema,
  merchantId: Type.Union([Uuid, Type.Null()]), locationId: Type.Union([Uuid, Type.Null()]),
  locale: Locale, currency: Type.Union([Type.String({ pattern: '^[A-Z]{3}$' }), Type.Null()], { description: 'Preferred currency; null follows the language' }), createdAt: Timestamp,
}, { $id: 'Account' });

const Session = Type.Object({ token: Type.String(), expiresAt: Timestamp, account: Type.Ref('Account') });

export const identityRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(Account);
  const tags = ['identity'];

  app.post('/v1/accounts', {
    config: { access: PUBLIC },
    schema: { operationId: 'registerShopper',
      tags,
      summary: 'Register a shopper account, then sign in with POST /v1/sessions. Answers 202 the same way whether or not the e-mail was already registered (nothing is revealed); throttled per client address',
      body: Strict({ email: Email, password: Password, displayName: Type.String({ minLength: 1, maxLength: 120 }), locale: Type.Optional(Locale) }),
      response: { 202: Type.Object({ status: Type.Literal('accepted'), message: Type.String() }), ...problems(400, 429) },
    },
  }, async (request, reply) => {
    await signUp(database.db, request.body, { ip: request.ip });
    return reply.status(202).send({ status: 'accepted', message: 'Sign in with this e-mail now (POST /v1/sessions). If it already had an account, that account is unchanged.' });
  });

  app.post('/v1/admin/accounts', {
    config: { access: allow('operator') },
    schema: { operationId: 'createAccount',
      tags, summary: 'Create a staff account (merchant staff, store associate, operator) or a shopper',
      security: [{ bearer: [] }],
      body: Strict({
        email: Email, password: Password, displayName: Type.String({ minLength: 1, maxLength: 120 }), role: RoleSchema,
        merchantId: Type.Optional(Uuid), locationId: Type.Optional(Uuid), locale: Type.Optional(Locale),
      }),
      response: { 201: Type.Ref('Account'), ...problems(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const account = await withTx(database.db, (tx) => createAccount(tx, request.body));
    return reply.status(201).send(account);
  });

  app.post('/v1/sessions', {
    config: { access: PUBLIC },
    schema: { operationId: 'signIn',
      tags, summary: 'Sign in with email and password; answers a bearer token',
      body: Strict({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 201: Session, ...problems(400, 401, 429) },
    },
  }, async (request, reply) => {
    const session = await signIn(database.db, request.body.email, request.body.password, { ip: request.ip, userAgent: request.headers['user-agent'] });
    return reply.status(201).send(session);
  });

  app.delete('/v1/sessions/current', {
    config: { access: EVERY_ROLE },
    schema: { operationId: 'signOut', tags, summary: 'Sign out: the bearer token stops working', security: [{ bearer: [] }], response: { 204: Type.Null(), ...problems(401) } },
  }, async (request, reply) => {
    await endSession(database.db, bearerToken(request)!);
    return reply.status(204).send(null);
  });

  app.get('/v1/me', {
    config: { access: EVERY_ROLE },
    schema: { operationId: 'getMe', tags, summary: 'The signed-in account', security: [{ bearer: [] }], response: { 200: Type.Ref('Account'), ...problems(401) } },
  }, async (request) => getAccount(database.db, principalOf(request).accountId));

  app.patch('/v1/me', {
    config: { access: EVERY_ROLE },
    schema: { operationId: 'updateMe',
      tags, summary: 'Change the signed-in account\'s name, language or preferred currency (remembered across devices)', security: [{ bearer: [] }],
      body: Strict({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), locale: Type.Optional(Locale),
        currency: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{3}$' }), Type.Null()])),
      }, { minProperties: 1 }),
      response: { 200: Type.Ref('Account'), ...problems(400, 401) },
    },
  }, async (request) => withTx(database.db, (tx) => updateProfile(tx, principalOf(request).accountId, request.body)));
};
