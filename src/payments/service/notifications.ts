import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { withTx, type Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { providerNotifications } from '../schema.js';
import { readAlipayNotification, verifyAlipayNotification, type AlipayParams } from '../providers/alipay.js';
import { readSandboxNotification, verifySandboxSignature } from '../providers/card-sandbox.js';
import type { ProviderEvent, ProviderSettings } from '../providers/types.js';
import { applyProviderEvent } from './intents.js';

export type NotificationOutcome = 'applied' | 'duplicate' | 'stale';

async function recordRejected(db: Db, provider: string, payload: Record<string, unknown>, signatureValid: boolean, detail: string): Promise<void> {
  const notificationId = String(payload.notify_id ?? payload.id ?? 'unknown');
  await withTx(db, (tx) => tx.insert(providerNotifications).values({
    provider, notificationId, signatureValid, outcome: 'rejected', detail, payload,
    intentId: typeof (payload.out_trade_no ?? payload.intentId) === 'string' && /^[0-9a-f-]{36}$/.test(String(payload.out_trade_no ?? payload.intentId)) ? String(payload.out_trade_no ?? payload.intentId) : null,
  }));
}

/**
 * The one path every provider notification takes (HTTP endpoint and card sandbox alike):
 * verify the signature, refuse and keep on record a bad one, then apply it once. A duplicate
 * (same notification id) answers `duplicate`, a late or out-of-order one `stale`; neither
 * changes anything. Takes the database, not a transaction: a rejection is recorded even though
 * the notification itself changes nothing.
 */
export async function receiveNotification(db: Db, provider: 'alipay' | 'card_sandbox', payload: Record<string, unknown>, signature: string | undefined, settings: ProviderSettings): Promise<{ outcome: NotificationOutcome; intentId: string }> {
  let valid: boolean;
  if (provider === 'alipay') {
    if (!settings.alipay) throw new DomainError('payments.provider_unavailable', 'Alipay keys are not configured (MERCATO_ALIPAY_*)');
    valid = verifyAlipayNotification(settings.alipay, payload as AlipayParams);
  } else {
    if (!settings.sandboxSecret) throw new DomainError('payments.provider_unavailable', 'The card sandbox is turned off (MERCATO_CARD_SANDBOX=off)');
    valid = verifySandboxSignature(settings.sandboxSecret, payload, signature);
  }
  if (!valid) {
    await recordRejected(db, provider, payload, false, 'signature does not verify');
    throw new DomainError('payments.bad_signature', `The ${provider} notification's signature does not verify; it was refused and logged`);
  }
  let event: ProviderEvent;
  try {
    event = provider === 'alipay' ? readAlipayNotification(payload as AlipayParams) : readSandboxNotification(payload);
  } catch (error) {
    await recordRejected(db, provider, payload, true, (error as Error).message);
    throw error;
  }
  try {
    return await withTx(db, (tx) => applyOnce(tx, provider, event, payload));
  } catch (error) {
    if (error instanceof DomainError) await recordRejected(db, provider, payload, true, `${error.code}: ${error.message}`);
    throw error;
  }
}

async function applyOnce(tx: Tx, provider: string, event: ProviderEvent, payload: Record<string, unknown>): Promise<{ outcome: NotificationOutcome; intentId: string }> {
  const claimed = await tx.execute(sql`
    insert into provider_notifications (provider, notification_id, intent_id, signature_valid, outcome, payload)
    values (${provider}, ${event.notificationId}, ${event.intentId}, true, 'applied', ${JSON.stringify(payload)}::jsonb)
    on conflict (provider, notification_id) where outcome in ('applied', 'stale') do nothing returning id`);
  if (claimed.rows.length === 0) {
    await tx.insert(providerNotifications).values({ provider, notificationId: event.notificationId, intentId: event.intentId, signatureValid: true, outcome: 'duplicate', payload });
    return { outcome: 'duplicate', intentId: event.intentId };
  }
  const { outcome } = await applyProviderEvent(tx, event);
  if (outcome === 'stale') await tx.execute(sql`update provider_notifications set outcome = 'stale' where id = ${claimed.rows[0].id}`);
  return { outcome, intentId: event.intentId };
}

/**
 * The card sandbox's delivery loop: sends each queued notification, signed, through
 * receiveNotification, exactly as a provider calling the endpoint would. Answers how many went.
 */
export async function deliverCardSandboxEvents(db: Db, settings: ProviderSettings, limit = 50): Promise<number> {
  let delivered = 0;
  for (;;) {
    const claimed = await withTx(db, async (tx) => {
      const { rows } = await tx.execute(sql`
        update card_sandbox_events set delivered_at = now()
        where id = (select id from card_sandbox_events where delivered_at is null and deliver_after <= now() order by id limit 1 for update skip locked)
        returning id, body`);
      return rows[0] as { id: number; body: { raw: string; signature: string } | string } | undefined;
    });
    if (!claimed) return delivered;
    const queued = typeof claimed.body === 'string' ? JSON.parse(claimed.body) : claimed.body;
    try {
      await receiveNotification(db, 'card_sandbox', JSON.parse(queued.raw), queued.signature, settings);
    } catch (error) {
      // A refused notification stays on record in provider_notifications; the loop goes on.
      if (!(error instanceof DomainError)) throw error;
    }
    delivered++;
    if (delivered >= limit) return delivered;
  }
}
