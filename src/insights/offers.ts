import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { pgConstraint } from '../db/tx.js';
import { rfm } from './analytics.js';
import { round4, type RfmSegment, type Channel } from './model.js';
import { insightsOffers } from './schema.js';
import './errors.js';

/**
 * Targeted offers: a code sent to a segment, with a held-out control group that is NOT sent it,
 * so redemption and uplift are measured against shoppers who were alike but not offered.
 * (A stored offer with a code until the promotions domain takes coupons over; the till
 * redeems it by code for the identified shopper.)
 */

export type Segment =
  | { type: 'rfm'; segments: RfmSegment[] }
  | { type: 'lapsed'; days: number }
  | { type: 'category_affinity'; categoryId: string; withinDays: number }
  | { type: 'channel'; channel: Channel | 'import'; withinDays: number };

export interface NewOffer {
  code: string; title: string; kind: 'percent' | 'amount'; value: number; currency?: string | null;
  segment: Segment; controlPercent: number; validFrom: Date; validTo: Date; merchantId?: string | null;
}

export interface Offer {
  id: string; code: string; title: string; kind: string; value: number; currency: string | null; merchantId: string | null;
  segment: Segment; controlPercent: number; validFrom: Date; validTo: Date; createdAt: Date; recipients: number; control: number;
}

const DAY = 86_400_000;

/** The shoppers in a segment as of `asOf`; a merchant's segment only counts its own orders. */
export async function segmentMembers(tx: Tx, segment: Segment, asOf: Date, merchantId?: string | null, currency = 'EUR'): Promise<string[]> {
  const merchant = merchantId ? sql`and l.merchant_id = ${merchantId}` : sql``;
  if (segment.type === 'rfm') {
    const report = await rfm(tx, { asOf, currency, merchantId });
    const wanted = new Set<string>(segment.segments);
    return report.rows.filter((r) => wanted.has(r.segment)).map((r) => r.accountId);
  }
  if (segment.type === 'lapsed') {
    const { rows } = await tx.execute(sql`
      select o.account_id from insights_orders o join insights_order_lines l on l.order_key = o.order_key
      where o.status = 'paid' and o.account_id is not null and o.placed_at <= ${asOf.toISOString()} ${merchant}
      group by o.account_id having max(o.placed_at) < ${new Date(asOf.getTime() - segment.days * DAY).toISOString()}`);
    return rows.map((r) => String(r.account_id));
  }
  const since = new Date(asOf.getTime() - segment.withinDays * DAY).toISOString();
  const condition = segment.type === 'category_affinity' ? sql`l.category_id = ${segment.categoryId}` : sql`o.channel = ${segment.channel}`;
  const { rows } = await tx.execute(sql`
    select distinct o.account_id from insights_orders o join insights_order_lines l on l.order_key = o.order_key
    where o.status = 'paid' and o.account_id is not null and o.placed_at > ${since} and o.placed_at <= ${asOf.toISOString()} and ${condition} ${merchant}`);
  return rows.map((r) => String(r.account_id));
}

/** Stable split: the same offer and shopper always land in the same group. */
export function inControlGroup(offerId: string, accountId: string, controlPercent: number): boolean {
  const h = createHash('sha256').update(`${offerId}:${accountId}`).digest().readUInt32BE(0);
  return h % 100 < controlPercent;
}

export async function createOffer(tx: Tx, input: NewOffer, createdBy: string, now = new Date()): Promise<Offer> {
  const members = await segmentMembers(tx, input.segment, now, input.merchantId, input.currency ?? 'EUR');
  if (members.length === 0) throw new DomainError('insights.segment_empty', 'No shopper is in this segment now; nothing to send');
  let row: typeof insightsOffers.$inferSelect;
  try {
    [row] = await tx.insert(insightsOffers).values({
      code: input.code, title: input.title, kind: input.kind, value: input.value, currency: input.kind === 'amount' ? input.currency ?? null : null,
      segment: input.segment, controlPercent: input.controlPercent, validFrom: input.validFrom, validTo: input.validTo, merchantId: input.merchantId ?? null, createdBy,
    }).returning();
  } catch (error) {
    if (pgConstraint(error) === 'insights_offers_code_key') throw new DomainError('insights.offer_code_taken', `Offer code ${input.code} is taken`);
    throw error;
  }
  const recipients = members.map((accountId) => ({ a: accountId, c: inControlGroup(row.id, accountId, input.controlPercent) }));
  await tx.execute(sql`
    insert into insights_offer_recipients (offer_id, account_id, control)
    select ${row.id}, r.a, r.c from jsonb_to_recordset(${JSON.stringify(recipients)}::jsonb) as r(a uuid, c boolean)`);
  return toOffer(row, recipients.length, recipients.filter((r) => r.c).length);
}

function toOffer(row: typeof insightsOffers.$inferSelect, recipients: number, control: number): Offer {
  return {
    id: row.id, code: row.code, title: row.title, kind: row.kind, value: row.value, currency: row.currency, merchantId: row.merchantId,
    segment: row.segment as Segment, controlPercent: row.controlPercent, validFrom: row.validFrom, validTo: row.validTo, createdAt: row.createdAt, recipients, control,
  };
}

export async function getOffer(tx: Tx, offerId: string, merchantId?: string | null): Promise<Offer> {
  const { rows } = await tx.execute(sql`
    select o.id, (select count(*) from insights_offer_recipients r where r.offer_id = o.id)::int as recipients,
      (select count(*) from insights_offer_recipients r where r.offer_id = o.id and r.control)::int as control
    from insights_offers o where o.id = ${offerId} ${merchantId ? sql`and o.merchant_id = ${merchantId}` : sql``}`);
  if (!rows[0]) throw new DomainError('insights.offer_not_found', `No offer ${offerId}`);
  const [row] = await tx.select().from(insightsOffers).where(sql`id = ${offerId}`);
  return toOffer(row, Number(rows[0].recipients), Number(rows[0].control));
}

export interface OfferResults {
  offerId: string; measuredUntil: Date;
  treatment: { shoppers: number; redeemed: number; buyers: number; conversion: number };
  control: { shoppers: number; buyers: number; conversion: number };
  redemptionRate: number;
  /** Treatment conversion minus control conversion (share points as a fraction). */
  uplift: number;
  incrementalBuyers: number;
}

/**
 * Redemptions, and conversion (a paid order in the offer's window, from any channel) of the
 * shoppers sent the offer against the held-out control group.
 */
export async function offerResults(tx: Tx, offerId: string, now = new Date(), merchantId?: string | null): Promise<OfferResults> {
  const offer = await getOffer(tx, offerId, merchantId);
  const until = offer.validTo < now ? offer.validTo : now;
  const merchant = offer.merchantId ? sql`and exists (select 1 from insights_order_lines l where l.order_key = o.order_key and l.merchant_id = ${offer.merchantId})` : sql``;
  const { rows } = await tx.execute(sql`
    select r.control, count(*)::int as shoppers, count(r.redeemed_at)::int as redeemed,
      count(*) filter (where exists (
        select 1 from insights_orders o where o.account_id = r.account_id and o.status = 'paid'
          and o.placed_at >= ${offer.validFrom.toISOString()} and o.placed_at < ${until.toISOString()} ${merchant}))::int as buyers
    from insights_offer_recipients r where r.offer_id = ${offerId} group by r.control`);
  const group = (control: boolean) => rows.find((r) => Boolean(r.control) === control) ?? { shoppers: 0, redeemed: 0, buyers: 0 };
  const t = group(false), c = group(true);
  const tConv = Number(t.shoppers) ? Number(t.buyers) / Number(t.shoppers) : 0;
  const cConv = Number(c.shoppers) ? Number(c.buyers) / Number(c.shoppers) : 0;
  return {
    offerId, measuredUntil: until,
    treatment: { shoppers: Number(t.shoppers), redeemed: Number(t.redeemed), buyers: Number(t.buyers), conversion: round4(tConv) },
    control: { shoppers: Number(c.shoppers), buyers: Number(c.buyers), conversion: round4(cConv) },
    redemptionRate: Number(t.shoppers) ? round4(Number(t.redeemed) / Number(t.shoppers)) : 0,
    uplift: round4(tConv - cConv),
    incrementalBuyers: Math.round((tConv - cConv) * Number(t.shoppers) * 100) / 100,
  };
}

/** Offers shown in the shopper's app: sent to them (not the control group), valid now, unused. */
export async function offersForShopper(tx: Tx, accountId: string, now = new Date()): Promise<Array<Pick<Offer, 'id' | 'code' | 'title' | 'kind' | 'value' | 'currency' | 'merchantId' | 'validTo'>>> {
  const { rows } = await tx.execute(sql`
    select o.id, o.code, o.title, o.kind, o.value, o.currency, o.merchant_id, o.valid_to from insights_offers o
    join insights_offer_recipients r on r.offer_id = o.id
    where r.account_id = ${accountId} and not r.control and r.redeemed_at is null and o.valid_from <= ${now.toISOString()} and o.valid_to > ${now.toISOString()}
    order by o.valid_to, o.code`);
  return rows.map((r) => ({ id: String(r.id), code: String(r.code), title: String(r.title), kind: String(r.kind), value: Number(r.value), currency: r.currency ? String(r.currency) : null, merchantId: r.merchant_id ? String(r.merchant_id) : null, validTo: new Date(r.valid_to) }));
}

export interface Redemption { offerId: string; code: string; accountId: string; kind: string; value: number; currency: string | null; redeemedAt: Date }

/**
 * Redeems an offer for the identified shopper (at the till or online): only a shopper it was
 * sent to, inside its window, once. The single conditional UPDATE makes a double scan at two
 * tills redeem it once.
 */
export async function redeemOffer(tx: Tx, input: { code: string; accountId: string; orderId?: string | null; locationId?: string | null }, now = new Date()): Promise<Redemption> {
  const [offer] = await tx.select().from(insightsOffers).where(sql`code = ${input.code}`);
  if (!offer) throw new DomainError('insights.offer_not_found', `No offer with code ${input.code}`);
  if (now < offer.validFrom || now >= offer.validTo) throw new DomainError('insights.offer_not_valid_now', `Offer ${offer.code} is valid from ${offer.validFrom.toISOString()} to ${offer.validTo.toISOString()}`);
  const { rows } = await tx.execute(sql`
    update insights_offer_recipients set redeemed_at = ${now.toISOString()}, redeemed_order_key = ${input.orderId ?? null}, redeemed_location_id = ${input.locationId ?? null}
    where offer_id = ${offer.id} and account_id = ${input.accountId} and not control and redeemed_at is null returning account_id`);
  if (!rows[0]) {
    const { rows: [recipient] } = await tx.execute(sql`select control, redeemed_at from insights_offer_recipients where offer_id = ${offer.id} and account_id = ${input.accountId}`);
    if (recipient && !recipient.control) throw new DomainError('insights.offer_already_redeemed', `The shopper redeemed ${offer.code} at ${new Date(recipient.redeemed_at).toISOString()}`);
    throw new DomainError('insights.offer_not_for_shopper', `Offer ${offer.code} was not sent to this shopper`);
  }
  return { offerId: offer.id, code: offer.code, accountId: input.accountId, kind: offer.kind, value: offer.value, currency: offer.currency, redeemedAt: now };
}
