import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundingBoxes, distanceMetres, isActiveAt, isOpenAt, openingIntervals, pickupSlotsForDate, type WeeklyHours } from './model.js';

describe('great-circle distance', () => {
  it.each([
    // from, to, metres (independently published figures or the real street distance)
    ['Big Ben → Statue of Liberty', { lat: 51.5007, lon: 0.1246 }, { lat: 40.6892, lon: 74.0445 }, 5_574_800, 200],
    ['Plaza de Castilla → Galerías Castellana desk', { lat: 40.4659, lon: -3.6887 }, { lat: 40.44712, lon: -3.69265 }, 2_115, 10],
    ['Plaza de Castilla → Mercato Madrid Salamanca', { lat: 40.4659, lon: -3.6887 }, { lat: 40.42595, lon: -3.68405 }, 4_460, 10],
    ['same point', { lat: 31.23498, lon: 121.47477 }, { lat: 31.23498, lon: 121.47477 }, 0, 0.001],
    ['across the antimeridian', { lat: 0, lon: 179.99 }, { lat: 0, lon: -179.99 }, 2_224, 5],
  ])('%s', (_name, a, b, metres, tolerance) => {
    expect(Math.abs(distanceMetres(a, b) - metres)).toBeLessThanOrEqual(tolerance);
  });

  it('every point within the radius lies inside one of the bounding boxes', () => {
    fc.assert(fc.property(
      fc.double({ min: -89, max: 89, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: 100, max: 500_000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      (lat, lon, radius, fraction, bearing) => {
        // A point at `fraction` of the radius in direction `bearing` (destination formula).
        const d = (radius * fraction * 0.999) / 6_371_008.8;
        const φ1 = (lat * Math.PI) / 180, λ1 = (lon * Math.PI) / 180;
        const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
        const λ2 = λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
        const point = { lat: (φ2 * 180) / Math.PI, lon: ((((λ2 * 180) / Math.PI) + 540) % 360) - 180 };
        return boundingBoxes({ lat, lon }, radius).some((b) => point.lat >= b.minLat - 1e-9 && point.lat <= b.maxLat + 1e-9 && point.lon >= b.minLon - 1e-9 && point.lon <= b.maxLon + 1e-9);
      }), { numRuns: 500 });
  });

  it('splits the box at the antimeridian and spans all longitudes near a pole', () => {
    expect(boundingBoxes({ lat: 0, lon: 179.99 }, 5000)).toHaveLength(2);
    expect(boundingBoxes({ lat: 89.99, lon: 10 }, 5000)).toEqual([expect.objectContaining({ minLon: -180, maxLon: 180 })]);
  });
});

describe('active window', () => {
  const popup = { activeFrom: new Date('2026-11-01T00:00:00Z'), activeTo: new Date('2026-11-12T00:00:00Z') };
  it.each([
    ['before it opens', '2026-10-31T23:59:59Z', false],
    ['when it opens', '2026-11-01T00:00:00Z', true],
    ['on 11.11', '2026-11-11T12:00:00Z', true],
    ['when it ends (exclusive)', '2026-11-12T00:00:00Z', false],
  ])('a pop-up %s is %s', (_when, at, active) => {
    expect(isActiveAt(popup, new Date(at))).toBe(active);
  });
  it('an archived store is gone; a permanent store is always there', () => {
    expect(isActiveAt({ activeFrom: null, activeTo: null, archivedAt: new Date('2026-01-01') }, new Date('2026-06-01'))).toBe(false);
    expect(isActiveAt({ activeFrom: null, activeTo: null }, new Date('2001-01-01'))).toBe(true);
  });
});

describe('opening hours and pickup slots', () => {
  // Madrid store: Mon–Sat 10:00–14:00 and 17:00–21:00, Sunday closed.
  const weekly: WeeklyHours[] = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [{ weekday, opens: '10:00', closes: '14:00' }, { weekday, opens: '17:00', closes: '21:00' }]);
  const settings = { slotMinutes: 30, capacity: 4, leadMinutes: 60 };
  const longAgo = new Date('2020-01-01T00:00:00Z');

  it.each([
    ['a Wednesday: two intervals of 8 slots', '2026-11-25', [], 16, '2026-11-25T09:00:00.000Z'],
    ['a Sunday: closed', '2026-11-29', [], 0, null],
    ['a holiday exception: closed', '2026-12-08', [{ date: '2026-12-08', closed: true, reason: 'Inmaculada' }], 0, null],
    ['special hours on Christmas Eve', '2026-12-24', [{ date: '2026-12-24', closed: false, opens: '09:00', closes: '13:00' }], 8, '2026-12-24T08:00:00.000Z'],
    // Europe/Madrid leaves summer time on 2026-10-25 (a Sunday); the Saturday before is CEST.
    ['a summer-time Saturday opens at 10:00 local = 08:00 UTC', '2026-10-24', [], 16, '2026-10-24T08:00:00.000Z'],
  ])('%s', (_name, date, exceptions, count, firstStart) => {
    const slots = pickupSlotsForDate(date, 'Europe/Madrid', weekly, exceptions, settings, longAgo);
    expect(slots).toHaveLength(count);
    expect(slots[0]?.start.toISOString() ?? null).toBe(firstStart);
  });

  it('offers no slot sooner than the lead time', () => {
    const now = new Date('2026-11-25T10:10:00Z'); // 11:10 in Madrid
    const slots = pickupSlotsForDate('2026-11-25', 'Europe/Madrid', weekly, [], settings, now);
    expect(slots[0].start.toISOString()).toBe('2026-11-25T11:30:00.000Z'); // 12:30 local, first start ≥ 12:10
  });

  it('resolves wall times in the location time zone (Shanghai has no DST)', () => {
    const [interval] = openingIntervals('2026-11-25', 'Asia/Shanghai', [{ weekday: 3, opens: '10:00', closes: '22:00' }], []);
    expect(interval.opens.toUTC().toISO()).toBe('2026-11-25T02:00:00.000Z');
    expect(isOpenAt(new Date('2026-11-25T13:59:00Z'), 'Asia/Shanghai', [{ weekday: 3, opens: '10:00', closes: '22:00' }], [])).toBe(true);
    expect(isOpenAt(new Date('2026-11-25T14:00:00Z'), 'Asia/Shanghai', [{ weekday: 3, opens: '10:00', closes: '22:00' }], [])).toBe(false);
  });
  describe('daylight-saving days keep wall-clock hours (Sunday 10:00–22:00, 30-minute slots)', () => {
    const sundays: WeeklyHours[] = [{ weekday: 7, opens: '10:00', closes: '22:00' }];
    const half = { slotMinutes: 30, capacity: 4, leadMinutes: 0 };
    it.each([
      // Madrid springs forward on 2027-03-28 (CET → CEST at 02:00): 10:00 local is 08:00 UTC.
      ['Madrid, spring forward', '2027-03-28', 'Europe/Madrid', '2027-03-28T08:00:00.000Z', '2027-03-28T20:00:00.000Z'],
      // Madrid falls back on 2027-10-31 (CEST → CET at 03:00): 10:00 local is 09:00 UTC.
      ['Madrid, fall back', '2027-10-31', 'Europe/Madrid', '2027-10-31T09:00:00.000Z', '2027-10-31T21:00:00.000Z'],
      ['Shanghai, no DST, same dates', '2027-03-28', 'Asia/Shanghai', '2027-03-28T02:00:00.000Z', '2027-03-28T14:00:00.000Z'],
      ['Shanghai, no DST, same dates (autumn)', '2027-10-31', 'Asia/Shanghai', '2027-10-31T02:00:00.000Z', '2027-10-31T14:00:00.000Z'],
    ])('%s: first slot at opening, last ends at closing, 24 slots', (_name, date, zone, firstStart, lastEnd) => {
      const slots = pickupSlotsForDate(date, zone, sundays, [], half, longAgo);
      expect(slots).toHaveLength(24);
      expect(slots[0].start.toISOString()).toBe(firstStart);
      expect(slots.at(-1)!.end.toISOString()).toBe(lastEnd);
      const [interval] = openingIntervals(date, zone, sundays, []);
      expect(interval.opens.toFormat('HH:mm')).toBe('10:00');
      expect(interval.closes.toFormat('HH:mm')).toBe('22:00');
    });

    it('an opening time inside the skipped hour moves forward with the clocks', () => {
      const [interval] = openingIntervals('2027-03-28', 'Europe/Madrid', [{ weekday: 7, opens: '02:30', closes: '06:00' }], []);
      expect(interval.opens.toUTC().toISO()).toBe('2027-03-28T01:30:00.000Z'); // 03:30 CEST
      expect(interval.closes.toUTC().toISO()).toBe('2027-03-28T04:00:00.000Z'); // 06:00 CEST
    });
  });
});
