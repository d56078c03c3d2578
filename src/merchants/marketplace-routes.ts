import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import type { RoutesPlugin } from '../http/context.js';
import { PUBLIC, allow, principalOf } from '../http/auth.js';
import { CurrencyCode, IdParam, MinorAmount, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { DomainError } from '../http/problem.js';
import { withTx } from '../db/tx.js';
import {
  createBrand, createPavilion, createStorefront, grantAuthorisation, listAuthorisations, listBrands, listPavilions, listStorefronts,
  revokeAuthorisation, setPavilionStorefronts, updateStorefront,
} from './service.js';
import {
  addDocument, createApplication, getApplication, getDocumentContent, listApplications, listProgrammes, programmeProgress, setProgrammeTarget, stepApplication,
} from './onboarding-service.js';
import { fileComplaint, getComplaint, listComplaints, stepComplaint } from './complaint-service.js';
import { MAX_DOCUMENT_BYTES } from './documents.js';
import { ONBOARDING_STATUSES, ONBOARDING_TRANSITIONS, COMPLAINT_TRANSITIONS, type OnboardingAction, type ComplaintAction } from './model.js';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Localised = Strict({ es: Type.Optional(Type.String({ maxLength: 4000 })), it: Type.Optional(Type.String({ maxLength: 4000 })), en: Type.Optional(Type.String({ maxLength: 4000 })), zh: Type.Optional(Type.String({ maxLength: 4000 })) });
const Url = Type.String({ pattern: '^https?://', maxLength: 2000 });
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const Open = (properties: Record<string, any>, id?: string) => Type.Object(properties, { additionalProperties: true, ...(id ? { $id: id } : {}) });
const Rate = Strict({ from: CurrencyCode, rate: Type.String({ pattern: '^[0-9]+(\\.[0-9]{1,12})?$', description: 'Units of the target currency per unit of `from`' }) });

const Storefront = Open({ id: Uuid, merchantId: Uuid, name: Type.String(), slug: Type.String(), logoUrl: Type.Union([Type.String(), Type.Null()]), description: Type.Record(Type.String(), Type.String()), status: Type.String(), liveAt: Type.Union([Timestamp, Type.Null()]), createdAt: Timestamp }, 'Storefront');
const Brand = Open({ id: Uuid, name: Type.String(), slug: Type.String(), ownerMerchantId: Uuid, trademarkNumber: Type.String(), trademarkOffice: Type.String(), trademarkClasses: Type.Array(Type.Integer()), trademarkExpiresOn: Type.String() }, 'Brand');
const Territories = Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), {
  minItems: 1, maxItems: 250, uniqueItems: true, description: 'ISO 3166-1 alpha-2 countries where the reseller may sell the brand (the till\'s store country, the delivery country); absent or null: everywhere',
});
const Authorisation = Open({ id: Uuid, brandId: Uuid, merchantId: Uuid, scope: Type.String({ description: 'Which products it covers (free text)' }), territories: Type.Union([Territories, Type.Null()]), validFrom: Timestamp, validTo: Timestamp, revokedAt: Type.Union([Timestamp, Type.Null()]) }, 'BrandAuthorisation');
const Application = Open({
  id: Uuid, merchantId: Uuid, status: Type.String(), submittedAt: Type.Union([Timestamp, Type.Null()]), deadlineAt: Type.Union([Timestamp, Type.Null()]),
  stageTimes: Type.Record(Type.String(), Type.String()),
  deadline: Open({ daysLeft: Type.Union([Type.Integer(), Type.Null()]), atRisk: Type.Boolean(), overdue: Type.Boolean(), lateSteps: Type.Array(Open({ stage: Type.String(), dueAt: Timestamp })) }),
}, 'OnboardingApplication');
const Programme = Open({ id: Uuid, merchantId: Uuid, storefrontId: Uuid, startsAt: Timestamp, endsAt: Timestamp, targetMinor: Type.Integer(), targetCurrency: Type.String() }, 'LaunchProgramme');
const Complaint = Open({ id: Uuid, productId: Uuid, brandId: Uuid, status: Type.String(), counterNoticeDueAt: Timestamp }, 'IpComplaint');
const ClaimedBrand = Strict({ name: Type.String({ minLength: 1, maxLength: 200 }), slug: Slug, trademarkNumber: Type.String({ minLength: 1, maxLength: 100 }), trademarkOffice: Type.String({ minLength: 1, maxLength: 100 }), trademarkClasses: Type.Array(Type.Integer({ minimum: 1, maximum: 45 }), { maxItems: 45 }), trademarkExpiresOn: Type.String({ format: 'date' }) });

export const marketplaceRoutes: RoutesPlugin = async (app, { database }) => {
  const { db } = database;
  for (const schema of [Storefront, Brand, Authorisation, Application, Programme, Complaint]) app.addSchema(schema);
  // Only this plugin's routes accept multipart (onboarding documents); everything else stays JSON.
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4 } });
  const security = [{ bearer: [] }];
  const MerchantParam = IdParam('merchantId');

  // --- storefronts and pavilions ---------------------------------------------------------------
  const tags = ['marketplace'];
  app.post('/v1/merchants/:merchantId/storefronts', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'createStorefront', tags, security, summary: 'Create a storefront', params: MerchantParam,
      body: Strict({ name: Type.String({ minLength: 1, maxLength: 200 }), slug: Slug, logoUrl: Type.Optional(Url), description: Type.Optional(Localised) }),
      response: { 201: Type.Ref('Storefront'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createStorefront(tx, principalOf(request), request.params.merchantId, request.body))));

  app.get('/v1/merchants/:merchantId/storefronts', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listStorefronts', tags, security, summary: 'A merchant\'s storefronts', params: MerchantParam, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Storefront')) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listStorefronts(db, request.params.merchantId) }));

  app.patch('/v1/merchants/:merchantId/storefronts/:storefrontId', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'updateStorefront', tags, security, summary: 'Change a storefront (name, slug, logo, descriptions)', params: Strict({ merchantId: Uuid, storefrontId: Uuid }),
      body: Strict({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), slug: Type.Optional(Slug), logoUrl: Type.Optional(Url), description: Type.Optional(Localised) }, { minProperties: 1 }),
      response: { 200: Type.Ref('Storefront'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request) => withTx(db, (tx) => updateStorefront(tx, request.params.merchantId, request.params.storefrontId, request.body)));

  app.get('/v1/pavilions', {
    config: { access: PUBLIC },
    schema: { operationId: 'listPavilions', tags, summary: 'Curated pavilions with their live storefronts', response: { 200: Type.Object({ items: Type.Array(Open({ id: Uuid, slug: Type.String(), name: Type.Record(Type.String(), Type.String()), storefronts: Type.Array(Open({ id: Uuid, name: Type.String(), slug: Type.String() })) })) }) } },
  }, async () => ({ items: await listPavilions(db) }));

  app.post('/v1/pavilions', {
    config: { access: allow('operator') },
    schema: { operationId: 'createPavilion', tags, security, summary: 'Create a pavilion (operator)', body: Strict({ slug: Slug, name: Localised, description: Type.Optional(Localised) }), response: { 201: Open({ id: Uuid, slug: Type.String() }), ...problems(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createPavilion(tx, request.body))));

  app.put('/v1/pavilions/:pavilionId/storefronts', {
    config: { access: allow('operator') },
    schema: { operationId: 'setPavilionStorefronts', tags, security, summary: 'Set the storefronts a pavilion groups, in display order (operator)', params: IdParam('pavilionId'), body: Strict({ storefrontIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }) }), response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
  }, async (request, reply) => { await withTx(db, (tx) => setPavilionStorefronts(tx, request.params.pavilionId, request.body.storefrontIds)); return reply.status(204).send(null); });

  // --- brands and authorisations ---------------------------------------------------------------
  app.get('/v1/brands', {
    config: { access: PUBLIC },
    schema: { operationId: 'listBrands', tags: ['brands'], summary: 'Registered brands', response: { 200: Type.Object({ items: Type.Array(Type.Ref('Brand')) }) } },
  }, async () => ({ items: await listBrands(db) }));

  app.post('/v1/brands', {
    config: { access: allow('operator') },
    schema: { operationId: 'registerBrand', tags: ['brands'], security, summary: 'Register a brand with its trademark (operator)', body: Strict({ ...ClaimedBrand.properties, ownerMerchantId: Uuid }), response: { 201: Type.Ref('Brand'), ...problems(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createBrand(tx, request.body))));

  app.get('/v1/merchants/:merchantId/brand-authorisations', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listBrandAuthorisations', tags: ['brands'], security, summary: 'Authorisations the merchant granted or holds', params: MerchantParam, response: { 200: Type.Object({ items: Type.Array(Type.Ref('BrandAuthorisation')) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listAuthorisations(db, request.params.merchantId) }));

  app.post('/v1/merchants/:merchantId/brand-authorisations', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'grantBrandAuthorisation', tags: ['brands'], security, summary: 'As brand owner, authorise a reseller for a period', params: MerchantParam,
      body: Strict({ brandId: Uuid, resellerMerchantId: Uuid, scope: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Which products it covers (free text)' })), territories: Type.Optional(Territories), validFrom: Type.String({ format: 'date-time' }), validTo: Type.String({ format: 'date-time' }) }),
      response: { 201: Type.Ref('BrandAuthorisation'), ...problems(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const { brandId, resellerMerchantId, scope, territories, validFrom, validTo } = request.body;
    if (Date.parse(validTo) <= Date.parse(validFrom)) throw new DomainError('http.validation', 'validTo must be after validFrom', {}, [{ field: '/validTo', message: 'must be after validFrom' }]);
    return reply.status(201).send(await withTx(db, (tx) => grantAuthorisation(tx, request.params.merchantId, {
      brandId, merchantId: resellerMerchantId, scope, territories: territories ?? null, validFrom: new Date(validFrom), validTo: new Date(validTo), grantedBy: principalOf(request).accountId,
    })));
  });

  app.post('/v1/merchants/:merchantId/brand-authorisations/:authorisationId/revoke', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'revokeBrandAuthorisation', tags: ['brands'], security, summary: 'Revoke an authorisation (its listings hide at once)', params: Strict({ merchantId: Uuid, authorisationId: Uuid }), response: { 200: Type.Ref('BrandAuthorisation'), ...problems(401, 403, 404) } },
  }, async (request) => withTx(db, (tx) => revokeAuthorisation(tx, request.params.merchantId, request.params.authorisationId)));

  // --- onboarding --------------------------------------------------------------------------------
  const otags = ['onboarding'];
  app.post('/v1/merchants/:merchantId/onboarding-applications', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'createOnboardingApplication', tags: otags, security, summary: 'Apply: company data and claimed brands (a draft until submitted)', params: MerchantParam,
      body: Strict({ company: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 1000 }), { maxProperties: 30 }), claimedBrands: Type.Array(ClaimedBrand, { maxItems: 20 }) }),
      response: { 201: Type.Ref('OnboardingApplication'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createApplication(tx, principalOf(request), request.params.merchantId, request.body))));

  app.get('/v1/onboarding-applications', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'listOnboardingApplications', tags: otags, security, summary: 'Applications (operators: the review queue; `atRisk=true` for those at risk)',
      querystring: Strict({ status: Type.Optional(Type.Union(ONBOARDING_STATUSES.map((s) => Type.Literal(s)))), atRisk: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('OnboardingApplication')) }), ...problems(401, 403) } },
  }, async (request) => ({ items: await listApplications(db, principalOf(request), request.query) }));

  app.get('/v1/onboarding-applications/:applicationId', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'getOnboardingApplication', tags: otags, security, summary: 'One application with documents, history, days left and late steps', params: IdParam('applicationId'), response: { 200: Type.Ref('OnboardingApplication'), ...problems(401, 403, 404) } },
  }, async (request) => getApplication(db, principalOf(request), request.params.applicationId));

  app.post('/v1/onboarding-applications/:applicationId/documents', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'uploadOnboardingDocument', tags: otags, security, summary: 'Upload a document (multipart: field `kind`, then the file; PDF, PNG or JPEG, at most 5 MiB)', consumes: ['multipart/form-data'], params: IdParam('applicationId'),
      response: { 201: Open({ id: Uuid, kind: Type.String(), fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String() }), ...problems(400, 401, 403, 404, 409, 413, 415) } },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new DomainError('http.unsupported_media_type', 'Send the document as multipart/form-data');
    const file = await request.file();
    if (!file) throw new DomainError('http.validation', 'No file in the upload', {}, [{ field: '/file', message: 'is required' }]);
    const kindField = file.fields.kind as { value?: unknown } | undefined;
    const kind = String(kindField?.value ?? 'trademark_certificate');
    if (!['trademark_certificate', 'business_licence', 'brand_authorisation', 'other'].includes(kind)) {
      throw new DomainError('http.validation', 'kind must be trademark_certificate, business_licence, brand_authorisation or other', {}, [{ field: '/kind', message: 'is not valid' }]);
    }
    let content: Buffer;
    try {
      content = await file.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('merchants.document_too_large', `The limit is ${MAX_DOCUMENT_BYTES} bytes`);
      throw error;
    }
    const document = await withTx(db, (tx) => addDocument(tx, principalOf(request), request.params.applicationId, { kind: kind as never, fileName: file.filename.slice(0, 200) || 'document', content }));
    return reply.status(201).send(document);
  });

  app.get('/v1/onboarding-applications/:applicationId/documents/:documentId', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'downloadOnboardingDocument', tags: otags, security, summary: 'Download a document (with its SHA-256 in the ETag)', params: Strict({ applicationId: Uuid, documentId: Uuid }),
      response: { 200: { description: 'The file as uploaded', content: Object.fromEntries(['application/pdf', 'image/png', 'image/jpeg'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) }, ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    const { meta, content } = await getDocumentContent(db, principalOf(request), request.params.applicationId, request.params.documentId);
    return reply.type(meta.contentType).header('etag', `"${meta.sha256}"`).header('content-disposition', `attachment; filename="${meta.fileName.replace(/[^\w.-]/g, '_')}"`).send(content);
  });

  app.post('/v1/onboarding-applications/:applicationId/transitions', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'transitionOnboardingApplication', tags: otags, security, summary: 'Take a step: submit, start_review, request_changes, resubmit, approve, reject, configure_storefront, go_live', params: IdParam('applicationId'),
      body: Strict({
        action: Type.Union(Object.keys(ONBOARDING_TRANSITIONS).map((a) => Type.Literal(a))), reason: Type.Optional(Reason), storefrontId: Type.Optional(Uuid),
        target: Type.Optional(Strict({ amountMinor: MinorAmount({ minimum: 1 }), currency: CurrencyCode, fxRates: Type.Optional(Type.Array(Rate, { maxItems: 50 })) })),
      }),
      response: { 200: Type.Ref('OnboardingApplication'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request) => withTx(db, (tx) => stepApplication(tx, principalOf(request), request.params.applicationId, request.body.action as OnboardingAction, request.body)));

  // --- launch programme ------------------------------------------------------------------------
  app.get('/v1/merchants/:merchantId/launch-programmes', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listLaunchProgrammes', tags: otags, security, summary: 'A merchant\'s launch programmes', params: MerchantParam, response: { 200: Type.Object({ items: Type.Array(Type.Ref('LaunchProgramme')) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listProgrammes(db, request.params.merchantId) }));

  app.get('/v1/launch-programmes/:programmeId', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'getLaunchProgramme', tags: otags, security, summary: 'Programme progress: GMV to date, daily series, projection, on track or at risk', params: IdParam('programmeId'),
      response: { 200: Open({ id: Uuid, gmvMinor: Type.Integer(), targetMinor: Type.Integer(), targetCurrency: Type.String(), projectedMinor: Type.Integer(), status: Type.String(), daily: Type.Array(Open({ day: Type.String(), gmvMinor: Type.Integer(), cumulativeMinor: Type.Integer() })) }), ...problems(401, 403, 404) } },
  }, async (request) => {
    const principal = principalOf(request);
    return programmeProgress(db, request.params.programmeId, { merchantId: principal.role === 'merchant' ? principal.merchantId ?? undefined : undefined });
  });

  app.patch('/v1/launch-programmes/:programmeId', {
    config: { access: allow('operator') },
    schema: { operationId: 'updateLaunchProgramme', tags: otags, security, summary: 'Set the GMV target and agreed rates (operator)', params: IdParam('programmeId'),
      body: Strict({ targetMinor: MinorAmount({ minimum: 1 }), targetCurrency: CurrencyCode, fxRates: Type.Optional(Type.Array(Rate, { maxItems: 50 })) }),
      response: { 200: Type.Ref('LaunchProgramme'), ...problems(400, 401, 403, 404) } },
  }, async (request) => withTx(db, (tx) => setProgrammeTarget(tx, request.params.programmeId, request.body)));

  // --- IP complaints ---------------------------------------------------------------------------
  const ctags = ['ip-complaints'];
  app.post('/v1/merchants/:merchantId/ip-complaints', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'fileIpComplaint', tags: ctags, security, summary: 'As brand owner, report a listing (it is suspended at once)', params: MerchantParam,
      body: Strict({ productId: Uuid, reason: Reason, evidence: Type.Array(Url, { maxItems: 20 }) }), response: { 201: Type.Ref('IpComplaint'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => fileComplaint(tx, principalOf(request), request.params.merchantId, request.body))));

  app.get('/v1/ip-complaints', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'listIpComplaints', tags: ctags, security, summary: 'Complaints the caller is party to (operators: all)', querystring: Strict({ open: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ items: Type.Array(Type.Ref('IpComplaint')) }), ...problems(401, 403) } },
  }, async (request) => ({ items: await listComplaints(db, principalOf(request), request.query) }));

  app.get('/v1/ip-complaints/:complaintId', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'getIpComplaint', tags: ctags, security, summary: 'One complaint with its audit trail', params: IdParam('complaintId'), response: { 200: Type.Ref('IpComplaint'), ...problems(401, 403, 404) } },
  }, async (request) => getComplaint(db, principalOf(request), request.params.complaintId));

  app.post('/v1/ip-complaints/:complaintId/transitions', {
    config: { access: allow('merchant', 'operator') },
    schema: { operationId: 'transitionIpComplaint', tags: ctags, security, summary: 'counter_notice (seller, within the window), reinstate or remove (operator)', params: IdParam('complaintId'),
      body: Strict({ action: Type.Union(Object.keys(COMPLAINT_TRANSITIONS).map((a) => Type.Literal(a))), detail: Reason }), response: { 200: Type.Ref('IpComplaint'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request) => withTx(db, (tx) => stepComplaint(tx, principalOf(request), request.params.complaintId, request.body.action as ComplaintAction, request.body.detail)));
};
