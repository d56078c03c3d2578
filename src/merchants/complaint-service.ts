import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { recordEvent } from '../events/index.js';
import { listingOwner, setTakedown } from '../catalog/index.js';
import { type ComplaintAction, COMPLAINT_TRANSITIONS, applyTransition, complaintTimeGuard, counterNoticeDue } from './model.js';
import { brands, ipComplaintEvents, ipComplaints } from './schema.js';
import './errors.js';

export type IpComplaint = typeof ipComplaints.$inferSelect;
export type IpComplaintEvent = typeof ipComplaintEvents.$inferSelect;
export interface IpComplaintView extends IpComplaint { history: IpComplaintEvent[] }

/**
 * The brand owner reports a listing under its brand: the listing is suspended in the same
 * transaction (hidden, not purchasable) and the seller's counter-notice window opens.
 */
export async function fileComplaint(tx: Tx, principal: Principal, complainantMerchantId: string, input: { productId: string; reason: string; evidence: string[] }, now = new Date()): Promise<IpComplaintView> {
  const listing = await listingOwner(tx, input.productId);
  if (!listing) throw new DomainError('merchants.listing_not_found', `No listing ${input.productId}`);
  if (!listing.brandId) throw new DomainError('merchants.listing_not_branded', 'The listing carries no brand');
  const [brand] = await tx.select().from(brands).where(eq(brands.id, listing.brandId));
  if (brand.ownerMerchantId !== complainantMerchantId) throw new DomainError('merchants.not_brand_owner', `Only the owner of ${brand.name} may file a complaint against its listings`);
  if (listing.merchantId === complainantMerchantId) throw new DomainError('merchants.listing_not_found', 'A brand owner cannot complain about its own listing');
  const [row] = await tx.insert(ipComplaints).values({
    productId: input.productId, brandId: brand.id, complainantMerchantId, respondentMerchantId: listing.merchantId,
    reason: input.reason, evidence: input.evidence, counterNoticeDueAt: counterNoticeDue(now), createdAt: now, updatedAt: now,
  }).returning();
  if (listing.takedown !== 'removed') await setTakedown(tx, input.productId, 'suspended');
  await tx.insert(ipComplaintEvents).values({ complaintId: row.id, action: 'file', toStatus: 'suspended', detail: input.reason, actorAccountId: principal.accountId, at: now });
  await recordEvent(tx, 'ip_complaint.filed', row.id, { productId: row.productId, brandId: row.brandId, respondentMerchantId: row.respondentMerchantId });
  return viewOf(tx, row);
}

async function viewOf(tx: Tx, row: IpComplaint): Promise<IpComplaintView> {
  const history = await tx.select().from(ipComplaintEvents).where(eq(ipComplaintEvents.complaintId, row.id)).orderBy(asc(ipComplaintEvents.id));
  return { ...row, history };
}

/** Complaints the caller is party to (either side); operators see all. */
function visibleTo(principal: Principal) {
  if (principal.role === 'operator') return undefined;
  const merchantId = principal.merchantId ?? '00000000-0000-0000-0000-000000000000';
  return or(eq(ipComplaints.complainantMerchantId, merchantId), eq(ipComplaints.respondentMerchantId, merchantId));
}

export async function getComplaint(tx: Tx, principal: Principal, complaintId: string, lock = false): Promise<IpComplaintView> {
  const query = tx.select().from(ipComplaints).where(and(eq(ipComplaints.id, complaintId), visibleTo(principal)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new DomainError('merchants.complaint_not_found', `No complaint ${complaintId}`);
  return viewOf(tx, row);
}

export async function listComplaints(tx: Tx, principal: Principal, filter: { open?: boolean } = {}): Promise<IpComplaint[]> {
  return tx.select().from(ipComplaints)
    .where(and(visibleTo(principal), filter.open ? inArray(ipComplaints.status, ['suspended', 'counter_noticed']) : undefined))
    .orderBy(desc(ipComplaints.createdAt));
}

/**
 * A step after filing: the seller's counter-notice (within the window), or the operator's
 * decision to reinstate or remove the listing. Every step is an audit row.
 */
export async function stepComplaint(tx: Tx, principal: Principal, complaintId: string, action: ComplaintAction, detail: string, now = new Date()): Promise<IpComplaintView> {
  const complaint = await getComplaint(tx, principal, complaintId, true);
  const actor = principal.role === 'operator' ? 'operator' : 'merchant';
  if (action === 'counter_notice' && principal.merchantId !== complaint.respondentMerchantId && actor === 'merchant') {
    throw new DomainError('http.forbidden', 'Only the seller of the listing may file a counter-notice');
  }
  const outcome = applyTransition(COMPLAINT_TRANSITIONS, complaint.status, action, actor, detail);
  if (!outcome.ok) {
    if (outcome.reason === 'reason_required') throw new DomainError('merchants.reason_required', outcome.detail);
    if (outcome.reason === 'forbidden') throw new DomainError('http.forbidden', outcome.detail);
    throw new DomainError('merchants.illegal_transition', outcome.detail, { status: complaint.status, action });
  }
  const timeProblem = complaintTimeGuard(action, complaint.status, complaint.counterNoticeDueAt, now);
  if (timeProblem) throw new DomainError('merchants.complaint_window', timeProblem, { counterNoticeDueAt: complaint.counterNoticeDueAt.toISOString() });
  const changes: Partial<IpComplaint> = { status: outcome.to, updatedAt: now };
  if (action === 'counter_notice') changes.counterNotice = detail;
  else changes.decisionReason = detail;
  const [row] = await tx.update(ipComplaints).set(changes).where(eq(ipComplaints.id, complaintId)).returning();
  if (action === 'remove') await setTakedown(tx, complaint.productId, 'removed');
  if (action === 'reinstate') {
    // Reinstated only when no other complaint still holds the listing down.
    const others = await tx.select({ id: ipComplaints.id, status: ipComplaints.status }).from(ipComplaints)
      .where(and(eq(ipComplaints.productId, complaint.productId), ne(ipComplaints.id, complaintId), inArray(ipComplaints.status, ['suspended', 'counter_noticed', 'removed'])));
    if (!others.length) await setTakedown(tx, complaint.productId, null);
    else if (!others.some((o) => o.status === 'removed')) await setTakedown(tx, complaint.productId, 'suspended');
  }
  await tx.insert(ipComplaintEvents).values({ complaintId, action, fromStatus: complaint.status, toStatus: outcome.to, detail, actorAccountId: principal.accountId, at: now });
  await recordEvent(tx, outcome.event, complaintId, { productId: complaint.productId, from: complaint.status, to: outcome.to });
  return viewOf(tx, row);
}
