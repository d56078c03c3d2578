import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { allow, principalOf } from '../http/auth.js';
import { IdParam, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { createApiKey, listApiKeys, revokeApiKey } from './service.js';

const ApiKey = Type.Object({
  id: Uuid, merchantId: Type.Union([Uuid, Type.Null()]), kind: Type.Union([Type.Literal('publishable'), Type.Literal('secret')]),
  name: Type.String(), prefix: Type.String({ description: 'First characters of the key, to recognise it' }),
  scopes: Type.Array(Type.Union([Type.Literal('read'), Type.Literal('write')])), createdAt: Timestamp, revokedAt: Type.Union([Timestamp, Type.Null()]),
}, { $id: 'ApiKey' });

export const apiKeyRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(ApiKey);
  const tags = ['api keys'];
  const security = [{ bearer: [] }];
  const owners = allow('merchant', 'operator');

  app.post('/v1/api-keys', {
    config: { access: owners },
    schema: {
      tags, security, operationId: 'createApiKey',
      summary: 'Create an API key: publishable (storefronts; public routes only) or secret (acts as the merchant, or the platform for an operator key without merchantId; scopes read/write). The key is in this answer only.',
      body: Strict({
        kind: Type.Union([Type.Literal('publishable'), Type.Literal('secret')]), name: Type.String({ minLength: 1, maxLength: 100 }),
        scopes: Type.Optional(Type.Array(Type.Union([Type.Literal('read'), Type.Literal('write')]), { minItems: 1, maxItems: 2 })), merchantId: Type.Optional(Uuid),
      }),
      response: { 201: Type.Intersect([Type.Ref('ApiKey'), Type.Object({ key: Type.String({ description: 'Send as the x-api-key header; stored only as a hash' }) })]), ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(await withTx(database.db, (tx) => createApiKey(tx, principalOf(request), request.body))));

  app.get('/v1/api-keys', {
    config: { access: owners },
    schema: { tags, security, operationId: 'listApiKeys', summary: 'The caller\'s API keys (never the keys themselves)', response: { 200: Type.Object({ items: Type.Array(Type.Ref('ApiKey')) }), ...problems(401, 403) } },
  }, async (request) => ({ items: await listApiKeys(database.db, principalOf(request)) }));

  app.delete('/v1/api-keys/:keyId', {
    config: { access: owners },
    schema: { tags, security, operationId: 'revokeApiKey', summary: 'Revoke an API key: it stops working at once', params: IdParam('keyId'), response: { 204: Type.Null(), ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(database.db, (tx) => revokeApiKey(tx, principalOf(request), request.params.keyId));
    return reply.status(204).send(null);
  });
};
