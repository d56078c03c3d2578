import { DateTime } from 'luxon';

export const LOCATION_KINDS = ['store', 'warehouse', 'bonded_warehouse', 'popup', 'corner', 'partner_pickup_point'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** Hema's promise: free local delivery within this distance of a store with the goods. */
export const DEFAULT_DELIVERY_RADIUS_M = 3000;

// --- geography ---------------------------------------------------------------------------------

/** Mean Earth radius (IUGG), the usual sphere for great-circle distances. */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface Coordinate { lat: number; lon: number }

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine), accurate to well under 0.5 % on a city scale. */
export function distanceMetres(a: Coordinate, b: Coordinate): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Box { minLon: number; minLat: number; maxLon: number; maxLat: number }

/**
 * The longitude/latitude boxes that contain every point within `radiusM` of `centre`: one box,
 * or two when the circle crosses the antimeridian; near a pole the box spans every longitude.
 * The index narrows the search to these boxes; the exact distance then filters the corners.
 */
export function boundingBoxes(centre: Coordinate, radiusM: number): Box[] {
  const angular = radiusM / EARTH_RADIUS_M;
  const dLat = (angular * 180) / Math.PI;
  const minLat = Math.max(-90, centre.lat - dLat);
  const maxLat = Math.min(90, centre.lat + dLat);
  if (minLat <= -90 || maxLat >= 90) return [{ minLon: -180, minLat, maxLon: 180, maxLat }];
  // Widest longitude span of the circle (at the latitude where it touches the meridians).
  const dLon = (Math.asin(Math.min(1, Math.sin(angular) / Math.cos(toRadians(centre.lat)))) * 180) / Math.PI;
  if (dLon >= 180) return [{ minLon: -180, minLat, maxLon: 180, maxLat }];
  const west = centre.lon - dLon;
  const east = centre.lon + dLon;
  if (west < -180) return [{ minLon: west + 360, minLat, maxLon: 180, maxLat }, { minLon: -180, minLat, maxLon: east, maxLat }];
  if (east > 180) return [{ minLon: west, minLat, maxLon: 180, maxLat }, { minLon: -180, minLat, maxLon: east - 360, maxLat }];
  return [{ minLon: west, minLat, maxLon: east, maxLat }];
}

// --- active window (pop-ups) -------------------------------------------------------------------

export interface ActiveWindow { activeFrom: Date | null; activeTo: Date | null; archivedAt?: Date | null }

/** A location exists from `activeFrom` (inclusive) to `activeTo` (exclusive), unless archived. */
export function isActiveAt(location: ActiveWindow, at: Date): boolean {
  if (location.archivedAt && location.archivedAt <= at) return false;
  if (location.activeFrom && at < location.activeFrom) return false;
  if (location.activeTo && at >= location.activeTo) return false;
  return true;
}

// --- opening hours and pickup slots ---------------------------------------------------------------

/** `HH:MM` (or `HH:MM:SS`) local wall-clock time. */
export type WallTime = string;

export interface WeeklyHours { weekday: number; opens: WallTime; closes: WallTime }
export interface HoursException { date: string; closed: boolean; opens?: WallTime | null; closes?: WallTime | null; reason?: string }

export interface SlotSettings { slotMinutes: number; capacity: number; leadMinutes: number }

export interface OpeningInterval { opens: DateTime; closes: DateTime }

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])(:00)?$/;

export function isWallTime(value: string): boolean {
  return HHMM.test(value);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

/** Minutes after midnight of a wall time. */
export function minutesOf(time: WallTime): number {
  const match = HHMM.exec(time);
  if (!match) throw new RangeError(`not a wall time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The opening intervals of one local date: the exception for that date if there is one,
 * otherwise the weekly hours of its weekday. Wall times are resolved in the location's time
 * zone, so a DST change day still opens at 09:00 local.
 */
export function openingIntervals(date: string, timeZone: string, weekly: WeeklyHours[], exceptions: HoursException[]): OpeningInterval[] {
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid) throw new RangeError(`invalid date ${date} or time zone ${timeZone}`);
  const exception = exceptions.find((e) => e.date === date);
  const ranges = exception
    ? (exception.closed || !exception.opens || !exception.closes ? [] : [{ opens: exception.opens, closes: exception.closes }])
    : weekly.filter((h) => h.weekday === day.weekday);
  // Set the wall-clock time, never add elapsed minutes to midnight: on a DST change day the
  // day is 23 or 25 hours long, so "540 minutes after midnight" is not 09:00. A time that does
  // not exist that day (the skipped hour) moves forward, as the clocks do.
  const at = (time: WallTime) => {
    const minutes = minutesOf(time);
    return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
  };
  return ranges
    .map((r) => ({ opens: at(r.opens), closes: at(r.closes) }))
    .filter((r) => r.closes > r.opens)
    .sort((a, b) => a.opens.toMillis() - b.opens.toMillis());
}

export interface PickupSlot { start: Date; end: Date }

/**
 * The pickup slots of a local date: consecutive slots of `slotMinutes` inside each opening
 * interval (a slot must end by closing time), starting no earlier than `now + leadMinutes`.
 */
export function pickupSlotsForDate(date: string, timeZone: string, weekly: WeeklyHours[], exceptions: HoursException[], settings: SlotSettings, now: Date): PickupSlot[] {
  const earliest = now.getTime() + settings.leadMinutes * 60_000;
  const slots: PickupSlot[] = [];
  for (const interval of openingIntervals(date, timeZone, weekly, exceptions)) {
    for (let start = interval.opens; start.plus({ minutes: settings.slotMinutes }) <= interval.closes; start = start.plus({ minutes: settings.slotMinutes })) {
      if (start.toMillis() >= earliest) slots.push({ start: start.toJSDate(), end: start.plus({ minutes: settings.slotMinutes }).toJSDate() });
    }
  }
  return slots;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? '';
}

/** Whether the location is open at an instant (pure: hours and exceptions are passed in). */
export function isOpenAt(at: Date, timeZone: string, weekly: WeeklyHours[], exceptions: HoursException[]): boolean {
  const date = localDate(at, timeZone);
  const t = at.getTime();
  return openingIntervals(date, timeZone, weekly, exceptions).some((i) => i.opens.toMillis() <= t && t < i.closes.toMillis());
}
