import { createHash } from 'node:crypto';
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { type Principal, actsForMerchant } from '../identity/index.js';
import { recordEvent } from '../events/index.js';
import { quoteConversion } from '../payments/index.js';
import {
  type DeadlineView, type OnboardingAction, type OnboardingStatus, type ProgrammeFigures, type DailyNet,
  ONBOARDING_TRANSITIONS, PROGRAMME_DAYS, applyTransition, deadlineView, programmeFigures,
} from './model.js';
import {
  type ClaimedBrand, type ProgrammeFxRate, brands, launchProgrammes, merchants, onboardingApplications, onboardingDocuments, onboardingEvents, storefronts,
} from './schema.js';
import { sniffDocumentType, MAX_DOCUMENT_BYTES } from './documents.js';
import './errors.js';

export type Application = typeof onboardingApplications.$inferSelect;
export type DocumentMeta = typeof onboardingDocuments.$inferSelect;
export type ApplicationEvent = typeof onboardingEvents.$inferSelect;
export interface ApplicationView extends Application {
  documents: DocumentMeta[];
  history: ApplicationEvent[];
  deadline: DeadlineView;
}

const documentColumns = {
  id: onboardingDocuments.id, applicationId: onboardingDocuments.applicationId, kind: onboardingDocuments.kind, fileName: onboardingDocuments.fileName,
  contentType: onboardingDocuments.contentType, sizeBytes: onboardingDocuments.sizeBytes, sha256: onboardingDocuments.sha256,
  uploadedBy: onboardingDocuments.uploadedBy, uploadedAt: onboardingDocuments.uploadedAt,
};

const CLOSED: OnboardingStatus[] = ['live', 'rejected'];

/** A merchant applies: company data and the brands it claims. Starts as a draft until submitted. */
export async function createApplication(tx: Tx, principal: Principal, merchantId: string, input: { company: Record<string, string>; claimedBrands: ClaimedBrand[] }): Promise<ApplicationView> {
  if (!actsForMerchant(principal, merchantId)) throw new DomainError('merchants.not_found', `No merchant ${merchantId}`);
  const [merchant] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId)).for('update');
  if (!merchant) throw new DomainError('merchants.not_found', `No merchant ${merchantId}`);
  const [open] = await tx.select({ id: onboardingApplications.id }).from(onboardingApplications)
    .where(and(eq(onboardingApplications.merchantId, merchantId), notInArray(onboardingApplications.status, CLOSED)));
  if (open) throw new DomainError('merchants.application_open', `Application ${open.id} is still open`, { applicationId: open.id });
  const [row] = await tx.insert(onboardingApplications).values({ merchantId, company: input.company, claimedBrands: input.claimedBrands }).returning();
  await tx.insert(onboardingEvents).values({ applicationId: row.id, action: 'create', toStatus: 'draft', actorAccountId: principal.accountId });
  return viewOf(tx, row, new Date());
}

async function loadApplication(tx: Tx, principal: Principal, applicationId: string, lock = false): Promise<Application> {
  const query = tx.select().from(onboardingApplications).where(eq(onboardingApplications.id, applicationId));
  const [row] = lock ? await query.for('update') : await query;
  // Another merchant's application answers exactly like a missing one.
  if (!row || !actsForMerchant(principal, row.merchantId)) throw new DomainError('merchants.application_not_found', `No application ${applicationId}`);
  return row;
}

async function viewOf(tx: Tx, row: Application, now: Date): Promise<ApplicationView> {
  const documents = await tx.select(documentColumns).from(onboardingDocuments).where(eq(onboardingDocuments.applicationId, row.id)).orderBy(asc(onboardingDocuments.uploadedAt));
  const history = await tx.select().from(onboardingEvents).where(eq(onboardingEvents.applicationId, row.id)).orderBy(asc(onboardingEvents.id));
  return { ...row, documents, history, deadline: deadlineView(row, now) };
}

export async function getApplication(tx: Tx, principal: Principal, applicationId: string, now = new Date()): Promise<ApplicationView> {
  return viewOf(tx, await loadApplication(tx, principal, applicationId), now);
}

export interface ApplicationSummary extends Application { deadline: DeadlineView }

/**
 * Applications visible to the caller, oldest deadline first. `atRisk` keeps only open ones that
 * are overdue, close to the deadline, or have a late step (the operator's review queue).
 */
export async function listApplications(tx: Tx, principal: Principal, filter: { status?: OnboardingStatus; atRisk?: boolean } = {}, now = new Date()): Promise<ApplicationSummary[]> {
  const conditions = [];
  if (principal.role === 'merchant') conditions.push(eq(onboardingApplications.merchantId, principal.merchantId ?? '00000000-0000-0000-0000-000000000000'));
  if (filter.status) conditions.push(eq(onboardingApplications.status, filter.status));
  const rows = await tx.select().from(onboardingApplications).where(and(...conditions))
    .orderBy(sql`${onboardingApplications.deadlineAt} asc nulls last`, asc(onboardingApplications.createdAt));
  const views = rows.map((row) => ({ ...row, deadline: deadlineView(row, now) }));
  return filter.atRisk ? views.filter((v) => v.deadline.atRisk) : views;
}

/** Stores an uploaded document (PDF, PNG or JPEG, at most 5 MiB) with its SHA-256. */
export async function addDocument(tx: Tx, principal: Principal, applicationId: string, input: { kind: DocumentMeta['kind']; fileName: string; content: Buffer }): Promise<DocumentMeta> {
  const application = await loadApplication(tx, principal, applicationId, true);
  if (CLOSED.includes(application.status) || application.status === 'approved' || application.status === 'storefront_configured') {
    throw new DomainError('merchants.illegal_transition', `Documents cannot be added to an application that is ${application.status}`);
  }
  if (input.content.length > MAX_DOCUMENT_BYTES) throw new DomainError('merchants.document_too_large', `The document has ${input.content.length} bytes; the limit is ${MAX_DOCUMENT_BYTES}`);
  const contentType = sniffDocumentType(input.content);
  if (!contentType) throw new DomainError('merchants.document_type', `${input.fileName} is not a PDF, PNG or JPEG file`);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  // The bytes go in through raw SQL: the Drizzle table leaves the bytea column out so that
  // listing documents never drags the files along.
  const { rows: [inserted] } = await tx.execute(sql`insert into onboarding_documents (application_id, kind, file_name, content_type, size_bytes, sha256, content, uploaded_by)
    values (${applicationId}, ${input.kind}, ${input.fileName}, ${contentType}, ${input.content.length}, ${sha256}, ${new Uint8Array(input.content)}, ${principal.accountId}) returning id`);
  const [row] = await tx.select(documentColumns).from(onboardingDocuments).where(eq(onboardingDocuments.id, String(inserted.id)));
  await tx.insert(onboardingEvents).values({ applicationId, action: 'upload_document', fromStatus: application.status, toStatus: application.status, reason: `${row.kind}: ${row.fileName} (${row.sha256.slice(0, 12)}…)`, actorAccountId: principal.accountId });
  return row;
}

export async function getDocumentContent(tx: Tx, principal: Principal, applicationId: string, documentId: string): Promise<{ meta: DocumentMeta; content: Buffer }> {
  await loadApplication(tx, principal, applicationId);
  const { rows } = await tx.execute(sql`select content from onboarding_documents where id = ${documentId} and application_id = ${applicationId}`);
  const [meta] = await tx.select(documentColumns).from(onboardingDocuments).where(and(eq(onboardingDocuments.id, documentId), eq(onboardingDocuments.applicationId, applicationId)));
  if (!meta || !rows[0]) throw new DomainError('merchants.document_not_found', `No document ${documentId}`);
  const raw = rows[0].content as Uint8Array | string;
  const content = typeof raw === 'string' ? Buffer.from(raw.replace(/^\\x/, ''), 'hex') : Buffer.from(raw);
  return { meta, content };
}

export interface StepInput {
  reason?: string | null;
  /** configure_storefront: the storefront this application opens. */
  storefrontId?: string;
  /** go_live: the launch programme's GMV target (default 1,000,000.00 in the settlement currency). */
  target?: { amountMinor: number; currency: string; fxRates?: ProgrammeFxRate[] };
}

/** Takes one step of the onboarding state machine; illegal steps are a 409. */
export async function stepApplication(tx: Tx, principal: Principal, applicationId: string, action: OnboardingAction, input: StepInput = {}, now = new Date()): Promise<ApplicationView> {
  const application = await loadApplication(tx, principal, applicationId, true);
  const actor = principal.role === 'operator' ? 'operator' : 'merchant';
  const outcome = applyTransition(ONBOARDING_TRANSITIONS, application.status, action, actor, input.reason);
  if (!outcome.ok) {
    if (outcome.reason === 'reason_required') throw new DomainError('merchants.reason_required', outcome.detail);
    if (outcome.reason === 'forbidden') throw new DomainError('http.forbidden', outcome.detail);
    throw new DomainError('merchants.illegal_transition', outcome.detail, { status: application.status, action });
  }
  const changes: Partial<typeof onboardingApplications.$inferInsert> = { status: outcome.to, updatedAt: now, lastReason: input.reason ?? null };
  if (action === 'submit') {
    // The 30-day clock starts at the first submission and is never moved.
    changes.submittedAt = application.submittedAt ?? now;
    changes.deadlineAt = application.deadlineAt ?? new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  }
  if (action === 'approve') await approveClaims(tx, application);
  if (action === 'configure_storefront') changes.storefrontId = await configuredStorefront(tx, application, input.storefrontId);
  if (action === 'go_live') await goLive(tx, application, input.target, now);
  changes.stageTimes = { ...application.stageTimes, ...(application.stageTimes[outcome.to] ? {} : { [outcome.to]: now.toISOString() }) };
  const [row] = await tx.update(onboardingApplications).set(changes).where(eq(onboardingApplications.id, applicationId)).returning();
  await tx.insert(onboardingEvents).values({ applicationId, action, fromStatus: application.status, toStatus: outcome.to, reason: input.reason ?? null, actorAccountId: principal.accountId, at: now });
  await recordEvent(tx, outcome.event, applicationId, { merchantId: application.merchantId, from: application.status, to: outcome.to, reason: input.reason ?? null });
  return viewOf(tx, row, now);
}

async function approveClaims(tx: Tx, application: Application): Promise<void> {
  const [certificate] = await tx.select({ id: onboardingDocuments.id }).from(onboardingDocuments)
    .where(and(eq(onboardingDocuments.applicationId, application.id), eq(onboardingDocuments.kind, 'trademark_certificate'))).limit(1);
  if (!certificate) throw new DomainError('merchants.documents_missing', 'Approval needs an uploaded trademark registration certificate');
  // Claimed brands become the merchant's brands; a brand that already exists keeps its owner.
  if (application.claimedBrands.length) {
    await tx.insert(brands).values(application.claimedBrands.map((b) => ({ ...b, ownerMerchantId: application.merchantId }))).onConflictDoNothing();
  }
  await tx.update(merchants).set({ status: 'active' }).where(eq(merchants.id, application.merchantId));
}

async function configuredStorefront(tx: Tx, application: Application, storefrontId: string | undefined): Promise<string> {
  const [storefront] = storefrontId
    ? await tx.select().from(storefronts).where(and(eq(storefronts.id, storefrontId), eq(storefronts.merchantId, application.merchantId)))
    : await tx.select().from(storefronts).where(eq(storefronts.merchantId, application.merchantId)).orderBy(desc(storefronts.createdAt)).limit(1);
  if (!storefront) throw new DomainError('merchants.storefront_missing', 'Create the storefront (name, slug, logo, descriptions) before this step');
  return storefront.id;
}

async function goLive(tx: Tx, application: Application, target: StepInput['target'], now: Date): Promise<void> {
  if (!application.storefrontId) throw new DomainError('merchants.storefront_missing', 'No storefront configured');
  await tx.update(storefronts).set({ status: 'live', liveAt: now }).where(eq(storefronts.id, application.storefrontId));
  const [merchant] = await tx.select().from(merchants).where(eq(merchants.id, application.merchantId));
  await startProgramme(tx, {
    merchantId: application.merchantId, storefrontId: application.storefrontId, startsAt: now,
    targetMinor: target?.amountMinor ?? 100_000_000, targetCurrency: target?.currency ?? merchant.settlementCurrency, fxRates: target?.fxRates ?? [],
  });
}

// --- launch programme ------------------------------------------------------------------------

export type LaunchProgramme = typeof launchProgrammes.$inferSelect;

/** Starts the 90-day programme of a storefront that has just gone live. */
export async function startProgramme(tx: Tx, input: { merchantId: string; storefrontId: string; startsAt: Date; targetMinor: number; targetCurrency: string; fxRates?: ProgrammeFxRate[] }): Promise<LaunchProgramme> {
  const endsAt = new Date(input.startsAt.getTime() + PROGRAMME_DAYS * 24 * 3600 * 1000);
  const [row] = await tx.insert(launchProgrammes).values({ ...input, endsAt, fxRates: input.fxRates ?? [] }).returning();
  await recordEvent(tx, 'launch_programme.started', row.id, { merchantId: row.merchantId, targetMinor: row.targetMinor, targetCurrency: row.targetCurrency });
  return row;
}

export async function listProgrammes(tx: Tx, merchantId?: string): Promise<LaunchProgramme[]> {
  return tx.select().from(launchProgrammes).where(merchantId ? eq(launchProgrammes.merchantId, merchantId) : undefined).orderBy(desc(launchProgrammes.startsAt));
}

export async function setProgrammeTarget(tx: Tx, programmeId: string, input: { targetMinor: number; targetCurrency: string; fxRates?: ProgrammeFxRate[] }): Promise<LaunchProgramme> {
  const [row] = await tx.update(launchProgrammes).set({ ...input }).where(eq(launchProgrammes.id, programmeId)).returning();
  if (!row) throw new DomainError('merchants.programme_not_found', `No programme ${programmeId}`);
  return row;
}

/**
 * Rates into the target currency: the ones passed in, else those agreed on the programme, else
 * the payments domain's rate in effect at `now` (through its conversion quote; a currency
 * quoted only the other way round is left out, as the figures need 1 unit = rate target).
 */
async function ratesInto(tx: Tx, programme: LaunchProgramme, currencies: string[], passed: ProgrammeFxRate[], now: Date): Promise<Map<string, string>> {
  const rates = new Map<string, string>();
  for (const r of [...programme.fxRates, ...passed]) rates.set(r.from, r.rate);
  const missing = currencies.filter((c) => c !== programme.targetCurrency && !rates.has(c));
  for (const currency of missing) {
    try {
      const quote = await quoteConversion(tx, 0, currency, programme.targetCurrency, now);
      if (!quote.inverse) rates.set(currency, quote.rate);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'payments.fx_rate_missing') throw error;
    }
  }
  return rates;
}

export interface ProgrammeProgress extends ProgrammeFigures { id: string; merchantId: string; storefrontId: string }

/**
 * The programme's GMV: the merchant's paid order lines in the window, net of refunds, per day,
 * converted into the target currency; with the projection and on-track / at-risk.
 */
export async function programmeProgress(tx: Tx, programmeId: string, options: { merchantId?: string; now?: Date; rates?: ProgrammeFxRate[] } = {}): Promise<ProgrammeProgress> {
  const now = options.now ?? new Date();
  const [programme] = await tx.select().from(launchProgrammes).where(options.merchantId
    ? and(eq(launchProgrammes.id, programmeId), eq(launchProgrammes.merchantId, options.merchantId)) : eq(launchProgrammes.id, programmeId));
  if (!programme) throw new DomainError('merchants.programme_not_found', `No programme ${programmeId}`);
  const until = now.getTime() < programme.endsAt.getTime() ? now : programme.endsAt;
  const { rows } = await tx.execute(sql`
    select floor(extract(epoch from (paid_at - ${programme.startsAt}::timestamptz)) / 86400)::int as day_index, currency,
           sum(amount_minor - refunded_minor)::bigint as net_minor
    from order_lines
    where merchant_id = ${programme.merchantId} and paid_at >= ${programme.startsAt} and paid_at < ${until}
    group by 1, 2 order by 1, 2`);
  const sales: DailyNet[] = rows.map((r) => ({ dayIndex: Number(r.day_index), currency: String(r.currency), netMinor: Number(r.net_minor) }));
  const rates = await ratesInto(tx, programme, [...new Set(sales.map((s) => s.currency))], options.rates ?? [], now);
  const figures = programmeFigures(programme, sales, rates, now);
  return { id: programme.id, merchantId: programme.merchantId, storefrontId: programme.storefrontId, ...figures };
}
