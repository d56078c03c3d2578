import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import type { Db } from '../db/client.js';
import { locations } from '../locations/schema.js';
import { merchants } from '../merchants/schema.js';
import { accounts } from '../identity/schema.js';
import { hashPassword, normaliseEmail } from '../identity/model.js';
import { DEMO_PASSWORD, demoId } from './demo-id.js';
import { seedLocationsDemo } from '../locations/seed.js';
import { seedInventoryDemo } from '../inventory/seed.js';
import { seedPaymentsDemo } from '../payments/seed.js';
import { seedCatalogDemo } from '../catalog/seed.js';

type DemoLocation = Omit<typeof locations.$inferInsert, 'id'>;

/** Real places (coordinates from public maps), so distances and radii behave as in the field. */
export const DEMO_LOCATIONS: DemoLocation[] = [
  { code: 'MAD-SOL', name: 'Mercato Madrid Sol', kind: 'store', latitude: 40.41689, longitude: -3.70348, address: 'Puerta del Sol 1', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid' },
  { code: 'MAD-SAL', name: 'Mercato Madrid Salamanca', kind: 'store', latitude: 40.42595, longitude: -3.68405, address: 'Calle de Serrano 47', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid' },
  { code: 'MAD-CHA', name: 'Mercato Madrid Chamberí', kind: 'store', latitude: 40.43487, longitude: -3.70409, address: 'Calle de Fuencarral 121', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid' },
  { code: 'MIL-DUO', name: 'Mercato Milano Duomo', kind: 'store', latitude: 45.46416, longitude: 9.19199, address: 'Corso Vittorio Emanuele II 15', city: 'Milano', country: 'IT', timeZone: 'Europe/Rome' },
  { code: 'MIL-BRE', name: 'Mercato Milano Brera', kind: 'store', latitude: 45.47201, longitude: 9.18766, address: 'Via Brera 12', city: 'Milano', country: 'IT', timeZone: 'Europe/Rome' },
  { code: 'SHA-NJR', name: 'Mercato 上海南京路', kind: 'store', latitude: 31.23498, longitude: 121.47477, address: '南京东路 300号', city: '上海', country: 'CN', timeZone: 'Asia/Shanghai' },
  { code: 'SHA-JAS', name: 'Mercato 上海静安', kind: 'store', latitude: 31.22353, longitude: 121.44575, address: '南京西路 1601号', city: '上海', country: 'CN', timeZone: 'Asia/Shanghai' },
  { code: 'MAD-WH1', name: 'Mercato Getafe Warehouse', kind: 'warehouse', latitude: 40.30572, longitude: -3.73266, address: 'Calle de la Confianza 4, Polígono Los Olivos', city: 'Getafe', country: 'ES', timeZone: 'Europe/Madrid' },
  { code: 'MAD-PDS', name: 'Galerías Castellana pickup desk', kind: 'partner_pickup_point', latitude: 40.44712, longitude: -3.69265, address: 'Paseo de la Castellana 85', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid' },
];

export const DEMO_MERCHANTS = [
  { key: 'casa-aurelia', legalName: 'Casa Aurelia S.p.A.', country: 'IT', kind: 'brand_owner', settlementCurrency: 'EUR', commissionBps: 1200 },
  { key: 'lumen-tea', legalName: 'Lumen Tea Trading Co., Ltd.', country: 'CN', kind: 'reseller', settlementCurrency: 'CNY', commissionBps: 800 },
] as const;

export const DEMO_ACCOUNTS = [
  { email: 'operator@mercato.test', displayName: 'Olga Operator', role: 'operator', locale: 'en' },
  { email: 'aurelia@mercato.test', displayName: 'Alessandro (Casa Aurelia)', role: 'merchant', merchant: 'casa-aurelia', locale: 'it' },
  { email: 'lumen@mercato.test', displayName: '林梅 (Lumen Tea)', role: 'merchant', merchant: 'lumen-tea', locale: 'zh' },
  { email: 'associate.sol@mercato.test', displayName: 'Lucía (Madrid Sol)', role: 'associate', location: 'MAD-SOL', locale: 'es' },
  { email: 'associate.duomo@mercato.test', displayName: 'Marco (Milano Duomo)', role: 'associate', location: 'MIL-DUO', locale: 'it' },
  { email: 'associate.castellana@mercato.test', displayName: 'Pilar (Galerías Castellana)', role: 'associate', location: 'MAD-PDS', locale: 'es' },
  { email: 'carmen@mercato.test', displayName: 'Carmen García', role: 'shopper', locale: 'es' },
  { email: 'giulia@mercato.test', displayName: 'Giulia Rossi', role: 'shopper', locale: 'it' },
  { email: 'wei@mercato.test', displayName: '王伟', role: 'shopper', locale: 'zh' },
  { email: 'emma@mercato.test', displayName: 'Emma Clarke', role: 'shopper', locale: 'en' },
] as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const result = await db.execute(sql`select (select count(*) from accounts) + (select count(*) from locations) as n`);
  return Number((result.rows[0] as { n: number | string }).n) === 0;
}

/** Whether the demo accounts are there (the start-up banner lists them only then). */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const result = await db.execute(sql`select exists (select 1 from accounts where email = ${DEMO_ACCOUNTS[0].email}) as found`);
  return Boolean((result.rows[0] as { found: boolean }).found);
}

export type SeedSummary = Record<string, number>;

/**
 * Demo data of the other domains, run after the base data below, in this order. Each is
 * idempotent (deterministic ids, on-conflict-do-nothing) and returns counts for the summary.
 */
const domainSeeds: Array<(tx: Tx) => Promise<SeedSummary>> = [seedCatalogDemo, seedLocationsDemo, seedInventoryDemo, seedPaymentsDemo];

/**
 * The deterministic demo data set: ids derive from names, so running it twice changes nothing.
 * All demo accounts share the password in DEMO_PASSWORD (see README).
 */
export async function seedDemo(tx: Tx): Promise<SeedSummary> {
  await tx.insert(locations).values(DEMO_LOCATIONS.map((l) => ({ ...l, id: demoId(`location:${l.code}`) }))).onConflictDoNothing();
  await tx.insert(merchants).values(DEMO_MERCHANTS.map(({ key, ...m }) => ({ ...m, id: demoId(`merchant:${key}`) }))).onConflictDoNothing();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await tx.insert(accounts).values(DEMO_ACCOUNTS.map((a) => ({
    id: demoId(`account:${a.email}`),
    email: normaliseEmail(a.email),
    passwordHash,
    displayName: a.displayName,
    role: a.role,
    locale: a.locale,
    merchantId: 'merchant' in a ? demoId(`merchant:${a.merchant}`) : null,
    locationId: 'location' in a ? demoId(`location:${a.location}`) : null,
  }))).onConflictDoNothing();
  let summary: SeedSummary = { locations: DEMO_LOCATIONS.length, merchants: DEMO_MERCHANTS.length, accounts: DEMO_ACCOUNTS.length };
  for (const seed of domainSeeds) summary = { ...summary, ...(await seed(tx)) };
  return summary;
}
