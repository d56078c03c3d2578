import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Every delivery carries `Mercato-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, where the
 * HMAC is keyed with the subscription's secret over `<t>.<raw body>`. Signing the timestamp
 * with the body lets a receiver refuse replays older than its tolerance.
 */
export const SIGNATURE_HEADER = 'mercato-signature';

export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'expired' };

/**
 * What a receiver runs on the raw body (not a re-serialised parse of it). Accepts any of
 * several `v1=` values, so a secret can be rotated while both are in use.
 */
export function verifySignature(options: { secret: string; body: string; header: string | undefined; toleranceSeconds?: number; now?: number }): SignatureCheck {
  const { secret, body, header } = options;
  if (!header) return { ok: false, reason: 'malformed' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const macs = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v, 'hex'));
  if (!Number.isInteger(t) || macs.length === 0) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  if (!macs.some((mac) => timingSafeEqual(mac, expected))) return { ok: false, reason: 'mismatch' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'expired' };
  return { ok: true, timestamp: t };
}
