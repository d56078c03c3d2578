import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { locations } from './schema.js';
import './errors.js';

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;

export async function createLocation(tx: Tx, input: NewLocation): Promise<Location> {
  const [row] = await tx.insert(locations).values(input).returning();
  return row;
}

export async function listLocations(tx: Tx): Promise<Location[]> {
  return tx.select().from(locations).orderBy(asc(locations.city), asc(locations.name));
}

export async function getLocation(tx: Tx, locationId: string): Promise<Location> {
  const [row] = await tx.select().from(locations).where(eq(locations.id, locationId));
  if (!row) throw new DomainError('locations.not_found', `No location ${locationId}`);
  return row;
}
