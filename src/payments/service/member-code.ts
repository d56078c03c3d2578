import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { memberDevices } from '../schema.js';
import { MEMBER_CODE, formatMemberCode, parseMemberCode, timeStep } from '../model.js';

export interface MemberDevice { id: string; number: number; label: string; createdAt: Date }

function totpOf(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA256', digits: MEMBER_CODE.digits, period: MEMBER_CODE.periodSeconds });
}

/** Registers a shopper's device for member codes; its secret never leaves the server. */
export async function registerMemberDevice(tx: Tx, accountId: string, label: string): Promise<MemberDevice> {
  const [row] = await tx.insert(memberDevices).values({ accountId, label, secret: new Secret({ size: 32 }).base32, number: sql`nextval('member_devices_number_seq')` })
    .returning({ id: memberDevices.id, number: memberDevices.number, label: memberDevices.label, createdAt: memberDevices.createdAt });
  return row;
}

export async function listMemberDevices(tx: Tx, accountId: string): Promise<MemberDevice[]> {
  return tx.select({ id: memberDevices.id, number: memberDevices.number, label: memberDevices.label, createdAt: memberDevices.createdAt })
    .from(memberDevices).where(and(eq(memberDevices.accountId, accountId), isNull(memberDevices.revokedAt))).orderBy(memberDevices.createdAt);
}

/** Revokes a device (lost phone): its codes stop working at once. */
export async function revokeMemberDevice(tx: Tx, accountId: string, deviceId: string): Promise<void> {
  const revoked = await tx.update(memberDevices).set({ revokedAt: sql`now()` })
    .where(and(eq(memberDevices.id, deviceId), eq(memberDevices.accountId, accountId), isNull(memberDevices.revokedAt))).returning({ id: memberDevices.id });
  if (revoked.length === 0) throw new DomainError('payments.device_not_found', 'No such device for this account');
}

export interface MemberCode { code: string; deviceId: string; validFrom: Date; expiresAt: Date; periodSeconds: number }

/** The code a device shows now: it rotates every 30 s and names the device, not the shopper. */
export async function currentMemberCode(tx: Tx, accountId: string, deviceId: string, now = new Date()): Promise<MemberCode> {
  const [device] = await tx.select().from(memberDevices)
    .where(and(eq(memberDevices.id, deviceId), eq(memberDevices.accountId, accountId), isNull(memberDevices.revokedAt)));
  if (!device) throw new DomainError('payments.device_not_found', 'No such device for this account');
  const step = timeStep(now);
  const period = MEMBER_CODE.periodSeconds * 1000;
  return {
    code: formatMemberCode(device.number, totpOf(device.secret).generate({ timestamp: now.getTime() })),
    deviceId, validFrom: new Date(step * period), expiresAt: new Date((step + 1) * period), periodSeconds: MEMBER_CODE.periodSeconds,
  };
}

/** The code as a QR image (PNG data URL) for the app to show. */
export async function memberCodeQr(code: string): Promise<string> {
  return QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/**
 * The till's check: answers the account behind a member code and uses the code up. A code is good
 * for its 30-second step and the one before (a scan at the turn of the step); an expired code, a
 * code of a revoked device, or one whose step was already used (a replay, or an older code after
 * a newer one) is refused. The step is claimed with a conditional UPDATE, so two tills scanning
 * the same code cannot both succeed.
 */
export async function verifyMemberCode(tx: Tx, code: string, now = new Date()): Promise<string> {
  const refuse = () => new DomainError('payments.member_code_invalid', 'The member code is not valid, has expired or was already used; ask the shopper to show a fresh one');
  const parsed = parseMemberCode(code);
  if (!parsed) throw refuse();
  const [device] = await tx.select().from(memberDevices).where(and(eq(memberDevices.number, parsed.deviceNumber), isNull(memberDevices.revokedAt)));
  if (!device) throw refuse();
  const delta = totpOf(device.secret).validate({ token: parsed.totp, timestamp: now.getTime(), window: 1 });
  if (delta === null || delta > 0) throw refuse();
  const step = timeStep(now) + delta;
  const claimed = await tx.execute(sql`
    update member_devices set last_used_step = ${step}
    where id = ${device.id} and revoked_at is null and (last_used_step is null or last_used_step < ${step}) returning account_id`);
  if (claimed.rows.length === 0) throw refuse();
  return String(claimed.rows[0].account_id);
}
