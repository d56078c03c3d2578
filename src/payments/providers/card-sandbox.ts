import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../http/problem.js';
import type { ProviderEvent } from './types.js';

/** What the card sandbox tells the notification endpoint, signed with HMAC-SHA256. */
export interface SandboxNotification {
  id: string;
  intentId: string;
  type: 'requires_action' | 'authorised' | 'declined';
  declineCode?: string;
  amountMinor: number;
  currency: string;
  providerReference: string;
}

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

export function sandboxSignature(secret: string, body: unknown): string {
  return createHmac('sha256', `card-sandbox:${secret}`).update(JSON.stringify(body)).digest('hex');
}

export function verifySandboxSignature(secret: string, body: unknown, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sandboxSignature(secret, body), 'hex'), Buffer.from(signature, 'hex'));
}

export function readSandboxNotification(body: Record<string, unknown>): ProviderEvent {
  const { id, intentId, type, amountMinor, currency, providerReference, declineCode } = body as Partial<SandboxNotification>;
  if (typeof id !== 'string' || typeof intentId !== 'string' || !['requires_action', 'authorised', 'declined'].includes(String(type))
    || typeof amountMinor !== 'number' || typeof currency !== 'string') {
    throw new DomainError('payments.notification_invalid', 'A card sandbox notification needs id, intentId, type, amountMinor and currency');
  }
  return { notificationId: id, intentId, outcome: type!, amountMinor, currency, providerReference: providerReference ?? null, declineCode };
}
