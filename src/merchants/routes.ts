import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { allow, principalOf } from '../http/auth.js';
import { CountryCode, CurrencyCode, IdParam, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { withTx } from '../db/tx.js';
import { createMerchant, getMerchant, listMerchants, updateMerchant } from './service.js';

const Merchant = Type.Object({
  id: Uuid, legalName: Type.String(), country: Type.String(), kind: Type.String(), settlementCurrency: Type.String(),
  commissionBps: Type.Integer(), status: Type.String(), createdAt: Timestamp,
}, { $id: 'Merchant' });

export const merchantRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(Merchant);
  const tags = ['merchants'];
  const security = [{ bearer: [] }];

  app.post('/v1/merchants', {
    config: { access: allow('operator') },
    schema: { operationId: 'createMerchant',
      tags, security, summary: 'Create a merchant (operator)',
      body: Strict({
        legalName: Type.String({ minLength: 1, maxLength: 200 }), country: CountryCode,
        kind: Type.Union([Type.Literal('brand_owner'), Type.Literal('reseller')]), settlementCurrency: CurrencyCode,
        commissionBps: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, description: 'Commission in basis points' })),
      }),
      response: { 201: Type.Ref('Merchant'), ...problems(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await withTx(database.db, (tx) => createMerchant(tx, request.body))));

  app.get('/v1/merchants', {
    config: { access: allow('operator', 'merchant') },
    schema: { operationId: 'listMerchants', tags, security, summary: 'Merchants visible to the caller', response: { 200: Type.Object({ items: Type.Array(Type.Ref('Merchant')) }), ...problems(401, 403) } },
  }, async (request) => ({ items: await listMerchants(database.db, principalOf(request)) }));

  app.get('/v1/merchants/:merchantId', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'getMerchant', tags, security, summary: 'One merchant', params: IdParam('merchantId'), response: { 200: Type.Ref('Merchant'), ...problems(401, 403, 404) } },
  }, async (request) => getMerchant(database.db, principalOf(request), request.params.merchantId));

  app.patch('/v1/merchants/:merchantId', {
    config: { access: allow('operator', 'merchant').forMerchantParam('merchantId') },
    schema: { operationId: 'updateMerchant',
      tags, security, summary: 'Change a merchant\'s company data', params: IdParam('merchantId'),
      body: Strict({ legalName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), country: Type.Optional(CountryCode), settlementCurrency: Type.Optional(CurrencyCode) }, { minProperties: 1 }),
      response: { 200: Type.Ref('Merchant'), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => withTx(database.db, (tx) => updateMerchant(tx, principalOf(request), request.params.merchantId, request.body)));
};
