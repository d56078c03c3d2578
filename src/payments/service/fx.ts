import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { fxConversions, fxRates } from '../schema.js';
import { convertMinor, currencyExponent, parseRate } from '../model.js';

export interface FxRate { id: string; base: string; quote: string; rate: string; effectiveAt: Date; createdAt: Date }

/** Records a rate (1 base = rate quote) taking effect at `effectiveAt`; earlier rates stay for history. */
export async function setFxRate(tx: Tx, input: { base: string; quote: string; rate: string; effectiveAt: Date }): Promise<FxRate> {
  currencyExponent(input.base);
  currencyExponent(input.quote);
  if (input.base === input.quote) throw new DomainError('payments.fx_rate_invalid', 'A rate converts between two different currencies');
  parseRate(input.rate);
  const [row] = await tx.insert(fxRates).values(input)
    .onConflictDoUpdate({ target: [fxRates.base, fxRates.quote, fxRates.effectiveAt], set: { rate: input.rate } }).returning();
  return { ...row, rate: normaliseRate(row.rate) };
}

function normaliseRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

export async function listFxRates(tx: Tx, limit = 200): Promise<FxRate[]> {
  const rows = await tx.select().from(fxRates).orderBy(desc(fxRates.effectiveAt), fxRates.base, fxRates.quote).limit(limit);
  return rows.map((r) => ({ ...r, rate: normaliseRate(r.rate) }));
}

/** The rate in effect at `at` for from → to: the latest of the direct or the inverse pair. */
export async function rateAt(tx: Tx, from: string, to: string, at: Date): Promise<{ id: string; rate: string; inverse: boolean; effectiveAt: Date }> {
  const { rows } = await tx.execute(sql`
    select id, rate::text as rate, base <> ${from} as inverse, effective_at from fx_rates
    where ((base = ${from} and quote = ${to}) or (base = ${to} and quote = ${from})) and effective_at <= ${at.toISOString()}
    order by effective_at desc, (base = ${from}) desc limit 1`);
  const row = rows[0];
  if (!row) throw new DomainError('payments.fx_rate_missing', `No ${from}/${to} rate in effect at ${at.toISOString()}`, { from, to });
  return { id: String(row.id), rate: normaliseRate(String(row.rate)), inverse: Boolean(row.inverse), effectiveAt: new Date(row.effective_at) };
}

export interface Conversion { amountMinor: number; from: string; to: string; fromMinor: number; rateId: string | null; rate: string; inverse: boolean; at: Date }

/** What `amountMinor` of `from` is in `to` at `at` (for display; records nothing). */
export async function quoteConversion(tx: Tx, amountMinor: number, from: string, to: string, at: Date): Promise<Conversion> {
  if (from === to) return { amountMinor, from, to, fromMinor: amountMinor, rateId: null, rate: '1', inverse: false, at };
  const rate = await rateAt(tx, from, to, at);
  return {
    amountMinor: convertMinor(amountMinor, rate.rate, rate.inverse, currencyExponent(from), currencyExponent(to)),
    from, to, fromMinor: amountMinor, rateId: rate.id, rate: rate.rate, inverse: rate.inverse, at,
  };
}

/** Converts money that moves, recording the conversion with the rate used. */
export async function convert(tx: Tx, amountMinor: number, from: string, to: string, at: Date): Promise<Conversion & { conversionId: string | null }> {
  const conversion = await quoteConversion(tx, amountMinor, from, to, at);
  if (!conversion.rateId) return { ...conversion, conversionId: null };
  const [row] = await tx.insert(fxConversions).values({
    rateId: conversion.rateId, fromCurrency: from, toCurrency: to, fromMinor: amountMinor, toMinor: conversion.amountMinor, at,
  }).returning({ id: fxConversions.id });
  return { ...conversion, conversionId: row.id };
}

/** Converts at a given rate row (a settlement keeps the rate of its first posting). */
export async function convertAtRate(tx: Tx, amountMinor: number, from: string, to: string, rateId: string): Promise<number> {
  const { rows } = await tx.execute(sql`select rate::text as rate, base <> ${from} as inverse from fx_rates where id = ${rateId}`);
  if (!rows[0]) throw new DomainError('payments.fx_rate_missing', `No rate ${rateId}`);
  return convertMinor(amountMinor, String(rows[0].rate), Boolean(rows[0].inverse), currencyExponent(from), currencyExponent(to));
}
