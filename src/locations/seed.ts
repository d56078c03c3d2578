import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { locations, locationHoursExceptions, locationOpeningHours } from './schema.js';

type Hours = Array<{ weekday: number; opens: string; closes: string }>;
const everyDay = (days: number[], opens: string, closes: string): Hours => days.map((weekday) => ({ weekday, opens, closes }));
const MON_SAT = [1, 2, 3, 4, 5, 6];
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

/** How each demo location serves: stores deliver within 3 km and offer 30-minute pickup slots. */
const SETTINGS: Record<string, { flags: Partial<typeof locations.$inferInsert>; hours: Hours; holidays?: Array<{ date: string; reason: string }> }> = {
  'MAD-SOL': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true, pickupSlotCapacity: 6 }, hours: everyDay(ALL_WEEK, '10:00', '22:00'), holidays: [{ date: '2026-12-25', reason: 'Navidad' }, { date: '2027-01-01', reason: 'Año Nuevo' }] },
  'MAD-SAL': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true }, hours: everyDay(MON_SAT, '10:00', '21:00'), holidays: [{ date: '2026-12-25', reason: 'Navidad' }] },
  'MAD-CHA': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true }, hours: [...everyDay(MON_SAT, '10:00', '14:00'), ...everyDay(MON_SAT, '17:00', '21:00')] },
  'MIL-DUO': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true, pickupSlotCapacity: 6 }, hours: everyDay(ALL_WEEK, '10:00', '21:00'), holidays: [{ date: '2026-12-08', reason: 'Immacolata' }, { date: '2026-12-25', reason: 'Natale' }] },
  'MIL-BRE': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true }, hours: everyDay(MON_SAT, '10:30', '19:30') },
  'SHA-NJR': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true, pickupSlotCapacity: 8 }, hours: everyDay(ALL_WEEK, '10:00', '22:00') },
  'SHA-JAS': { flags: { localDelivery: true, offersPickup: true, acceptsReturns: true }, hours: everyDay(ALL_WEEK, '10:00', '22:00') },
  'MAD-WH1': { flags: { shipsOrders: true, acceptsReturns: true }, hours: everyDay([1, 2, 3, 4, 5], '07:00', '19:00') },
  'MAD-PDS': { flags: { offersPickup: true, partnerName: 'Galerías Castellana', pickupSlotMinutes: 60, pickupSlotCapacity: 20, pickupLeadMinutes: 240 }, hours: everyDay(MON_SAT, '10:00', '22:00') },
};

/** Seasonal locations of the demo: an 11.11 pop-up in Milan and a corner inside the Madrid partner store. */
const EXTRA = [
  { code: 'MIL-POP', name: 'Mercato 11.11 pop-up Milano', kind: 'popup' as const, latitude: 45.46543, longitude: 9.18998, address: 'Galleria Vittorio Emanuele II', city: 'Milano', country: 'IT', timeZone: 'Europe/Rome', activeFrom: new Date('2026-11-01T09:00:00Z'), activeTo: new Date('2027-01-07T21:00:00Z'), localDelivery: false, offersPickup: true, hours: everyDay(ALL_WEEK, '10:00', '20:00') },
  { code: 'MAD-CRN', name: 'Casa Aurelia corner at Galerías Castellana', kind: 'corner' as const, latitude: 40.44712, longitude: -3.69265, address: 'Paseo de la Castellana 85, planta 1', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid', partnerName: 'Galerías Castellana', offersPickup: false, acceptsReturns: true, hours: everyDay(MON_SAT, '10:00', '22:00') },
];

export async function seedLocationsDemo(tx: Tx): Promise<Record<string, number>> {
  for (const { hours, ...location } of EXTRA) {
    await tx.insert(locations).values({ ...location, id: demoId(`location:${location.code}`) }).onConflictDoNothing();
    await insertHours(tx, demoId(`location:${location.code}`), hours);
  }
  for (const [code, { flags, hours, holidays }] of Object.entries(SETTINGS)) {
    const id = demoId(`location:${code}`);
    await tx.update(locations).set(flags).where(sql`${locations.id} = ${id}`);
    await insertHours(tx, id, hours);
    if (holidays?.length) {
      await tx.insert(locationHoursExceptions).values(holidays.map((h) => ({ locationId: id, onDate: h.date, closed: true, reason: h.reason }))).onConflictDoNothing();
    }
  }
  return { extraLocations: EXTRA.length };
}

async function insertHours(tx: Tx, locationId: string, hours: Hours): Promise<void> {
  await tx.insert(locationOpeningHours).values(hours.map((h) => ({ locationId, weekday: h.weekday, opensAt: h.opens, closesAt: h.closes }))).onConflictDoNothing();
}
