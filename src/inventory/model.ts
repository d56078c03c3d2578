import { DomainError } from '../http/problem.js';

export const MOVEMENT_KINDS = ['receipt', 'sale', 'return', 'adjustment', 'count', 'transfer', 'damage'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** What an associate or merchant may record by hand; sales and returns come from orders. */
export const MANUAL_MOVEMENT_KINDS = ['receipt', 'adjustment', 'count', 'damage'] as const;
export type ManualMovementKind = (typeof MANUAL_MOVEMENT_KINDS)[number];

export interface ReserveLine { skuId: string; locationId: string; quantity: number }

/** A line as reserved: duplicates merged, with the index of the caller's (first) line. */
export interface NormalisedLine extends ReserveLine { index: number }

/**
 * Merges lines naming the same SKU at the same location and sorts them by (sku, location), the
 * one order in which every transaction locks stock rows, so two carts cannot deadlock.
 */
export function normaliseLines(lines: ReserveLine[]): NormalisedLine[] {
  if (lines.length === 0) throw new DomainError('inventory.invalid_lines', 'A reservation needs at least one line');
  const merged = new Map<string, NormalisedLine>();
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('inventory.invalid_lines', `Line ${index}: quantity must be a positive whole number`, { line: index }, [{ field: `/lines/${index}/quantity`, message: 'must be a positive integer' }]);
    }
    const key = `${line.skuId}|${line.locationId}`;
    const seen = merged.get(key);
    if (seen) seen.quantity += line.quantity;
    else merged.set(key, { ...line, index });
  });
  return [...merged.values()].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0));
}

/**
 * First come, first served: walks the requests in arrival order and grants each one that still
 * fits in what is left. A large request that does not fit does not block a smaller one behind it.
 */
export function allocateInArrivalOrder(available: number, quantities: number[]): { granted: boolean[]; remaining: number } {
  let remaining = Math.max(0, available);
  const granted = quantities.map((q) => {
    if (q > 0 && q <= remaining) {
      remaining -= q;
      return true;
    }
    return false;
  });
  return { granted, remaining };
}

export function availableOf(level: { onHand: number; reserved: number }): number {
  return Math.max(0, level.onHand - level.reserved);
}
