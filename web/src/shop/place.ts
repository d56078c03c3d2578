import { useSyncExternalStore } from 'react';

/** Where the shopper is (or wants things delivered): from the browser's location or a chosen address. */
export interface Place { id: string; label: string; latitude: number; longitude: number; country: string; address?: string; city?: string }

/** Addresses a shopper can pick without sharing their location (the demo's cities). */
export const PLACES: Place[] = [
  { id: 'mad-granvia', label: 'Madrid · Gran Vía 1', latitude: 40.4203, longitude: -3.7058, country: 'ES', address: 'Gran Vía 1', city: 'Madrid' },
  { id: 'mad-castellana', label: 'Madrid · Paseo de la Castellana 100', latitude: 40.4465, longitude: -3.6915, country: 'ES', address: 'Paseo de la Castellana 100', city: 'Madrid' },
  { id: 'mil-duomo', label: 'Milano · Piazza del Duomo 1', latitude: 45.4655, longitude: 9.19, country: 'IT', address: 'Piazza del Duomo 1', city: 'Milano' },
  { id: 'sha-peoples', label: '上海 · 人民广场', latitude: 31.2317, longitude: 121.4726, country: 'CN', address: '人民大道 200号', city: '上海' },
];

const KEY = 'mercato.place';
const listeners = new Set<() => void>();
let cached: { raw: string | null; place: Place | null } = { raw: null, place: null };

function read(): Place | null {
  const raw = localStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let place: Place | null = null;
    try { place = raw ? (JSON.parse(raw) as Place) : null; } catch { place = null; }
    cached = { raw, place };
  }
  return cached.place;
}

export function setPlace(place: Place | null): void {
  if (place) localStorage.setItem(KEY, JSON.stringify(place));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function usePlace(): Place | null {
  return useSyncExternalStore((listener) => { listeners.add(listener); return () => listeners.delete(listener); }, read, () => null);
}

/** Asks the browser where we are; resolves to a place or rejects when refused or unavailable. */
export function locateBrowser(label: string): Promise<Place> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) { reject(new Error('unavailable')); return; }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ id: 'browser', label, latitude: position.coords.latitude, longitude: position.coords.longitude, country: guessCountry(position.coords.latitude, position.coords.longitude) }),
      (error) => reject(error),
      { timeout: 10_000, maximumAge: 300_000 },
    );
  });
}

/** Good enough for the demo's three countries; the server only uses it for the shipping zone. */
function guessCountry(latitude: number, longitude: number): string {
  if (longitude > 70) return 'CN';
  if (longitude > 6.5 && latitude < 47.5) return 'IT';
  return 'ES';
}
