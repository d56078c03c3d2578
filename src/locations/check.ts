import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

export interface SlotViolation { invariant: string; detail: string }

/** Every pickup slot's bookings fit its capacity, and its counter equals its bookings. */
export async function checkPickupSlots(tx: Tx): Promise<SlotViolation[]> {
  const { rows } = await tx.execute(sql`
    select s.location_id, s.slot_start, s.capacity, s.booked, count(b.id) as bookings
    from pickup_slots s left join pickup_slot_bookings b on b.location_id = s.location_id and b.slot_start = s.slot_start
    group by s.location_id, s.slot_start, s.capacity, s.booked
    having count(b.id) > s.capacity or count(b.id) <> s.booked limit 100`);
  return rows.map((r) => ({
    invariant: Number(r.bookings) > Number(r.capacity) ? 'a pickup slot\'s bookings fit its capacity' : 'a pickup slot\'s counter equals its bookings',
    detail: `pickup slot ${new Date(r.slot_start).toISOString()} at ${r.location_id}: capacity ${r.capacity}, counter ${r.booked}, bookings ${r.bookings}`,
  }));
}
