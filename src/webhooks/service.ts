import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/tx.js';
import type { DomainEvent } from '../events/index.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { assertKnownTopics, changeOf, renderResource, topicDefinition, type Audience } from './catalogue.js';
import { outcomeOf, retryDelayMs, type DeliveryPolicy } from './model.js';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions, type DeliveryStatus } from './schema.js';
import './errors.js';

export type Subscription = Omit<typeof webhookSubscriptions.$inferSelect, 'secret'>;
export type Delivery = Omit<typeof webhookDeliveries.$inferSelect, 'body' | 'leaseUntil'>;
export type Attempt = Omit<typeof webhookAttempts.$inferSelect, 'deliveryId'>;

// The secret is shown once, at creation; every other read leaves it out.
const { secret: _secret, ...subscriptionColumns } = getTableColumns(webhookSubscriptions);
const { body: _body, leaseUntil: _lease, ...deliveryColumns } = getTableColumns(webhookDeliveries);

// ---------------------------------------------------------------- subscriptions

/** Merchant staff own their merchant's subscriptions; an operator owns the platform's and may act for any merchant. */
function ownerFor(principal: Principal, requested: string | null | undefined): string | null {
  if (principal.role === 'merchant') {
    if (requested && requested !== principal.merchantId) throw new DomainError('http.not_found', 'No such merchant resource');
    return principal.merchantId;
  }
  return requested ?? null;
}

function canSee(principal: Principal, subscription: { merchantId: string | null }): boolean {
  return principal.role === 'operator' || (principal.role === 'merchant' && subscription.merchantId === principal.merchantId);
}

export interface NewSubscription {
  url: string;
  topics: string[];
  description?: string;
  /** Operator only: a merchant to subscribe for; absent means a platform subscription. */
  merchantId?: string | null;
}

export async function createSubscription(tx: Tx, principal: Principal, input: NewSubscription): Promise<Subscription & { secret: string }> {
  assertKnownTopics(input.topics);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const [row] = await tx.insert(webhookSubscriptions).values({
    merchantId: ownerFor(principal, input.merchantId), url: input.url, secret, topics: [...new Set(input.topics)].sort(), description: input.description ?? null,
  }).returning();
  const { secret: shown, ...rest } = row;
  return { ...rest, secret: shown };
}

export async function listSubscriptions(tx: Tx, principal: Principal, filter: { merchantId?: string } = {}): Promise<Subscription[]> {
  const owner = principal.role === 'merchant' ? principal.merchantId : filter.merchantId;
  return tx.select(subscriptionColumns).from(webhookSubscriptions)
    .where(owner ? eq(webhookSubscriptions.merchantId, owner) : undefined)
    .orderBy(webhookSubscriptions.createdAt, webhookSubscriptions.id);
}

export async function getSubscription(tx: Tx, principal: Principal, id: string): Promise<Subscription> {
  const [row] = await tx.select(subscriptionColumns).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row || !canSee(principal, row)) throw new DomainError('webhooks.subscription_not_found', `No webhook subscription ${id}`);
  return row;
}

export interface SubscriptionChange {
  url?: string;
  topics?: string[];
  description?: string | null;
  /** `active` re-enables a disabled subscription (its failure count starts again); pending deliveries then go out. */
  status?: 'active' | 'disabled';
}

export async function updateSubscription(tx: Tx, principal: Principal, id: string, change: SubscriptionChange): Promise<Subscription> {
  const current = await getSubscription(tx, principal, id);
  if (change.topics) assertKnownTopics(change.topics);
  const statusChange = change.status && change.status !== current.status
    ? change.status === 'active'
      ? { status: 'active' as const, consecutiveFailures: 0, disabledAt: null, disabledReason: null }
      : { status: 'disabled' as const, disabledAt: new Date(), disabledReason: 'disabled by a user' }
    : {};
  const [row] = await tx.update(webhookSubscriptions).set({
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...(change.topics ? { topics: [...new Set(change.topics)].sort() } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...statusChange,
  }).where(eq(webhookSubscriptions.id, current.id)).returning(subscriptionColumns);
  return row;
}

export async function deleteSubscription(tx: Tx, principal: Principal, id: string): Promise<void> {
  const current = await getSubscription(tx, principal, id);
  await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, current.id));
}

// ---------------------------------------------------------------- fan-out

/**
 * Creates one delivery per (catalogued event, matching active subscription) inside the outbox
 * dispatcher's transaction: the events are marked published and their deliveries exist, or
 * neither. The unique (subscription, event) key makes a repeated pass harmless.
 */
export async function fanOutToWebhooks(tx: Tx, events: readonly DomainEvent[]): Promise<number> {
  const catalogued = events.filter((e) => topicDefinition(e.topic));
  if (catalogued.length === 0) return 0;
  const topics = [...new Set(catalogued.map((e) => e.topic))];
  const subscriptions = await tx.select({ id: webhookSubscriptions.id, merchantId: webhookSubscriptions.merchantId, topics: webhookSubscriptions.topics })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.status, 'active'), sql`${webhookSubscriptions.topics} && ${sql`array[${sql.join(topics.map((t) => sql`${t}`), sql`, `)}]::text[]`}`));
  if (subscriptions.length === 0) return 0;

  const rows: Array<typeof webhookDeliveries.$inferInsert> = [];
  for (const event of catalogued) {
    const definition = topicDefinition(event.topic)!;
    const matching = subscriptions.filter((s) => s.topics.includes(event.topic));
    const rendered = new Map<string, string | null>(); // audience → body, rendered once per audience
    for (const subscription of matching) {
      const audience: Audience = { merchantId: subscription.merchantId };
      const key = audience.merchantId ?? 'platform';
      if (!rendered.has(key)) {
        const object = await renderResource(tx, definition, event.payload, event.aggregateId, audience);
        rendered.set(key, object === null ? null : JSON.stringify({
          id: event.eventId, type: event.topic, version: definition.version, createdAt: new Date(event.createdAt).toISOString(),
          merchantId: audience.merchantId, data: { object, change: changeOf(event.topic, event.aggregateId, event.payload) },
        }));
      }
      const body = rendered.get(key);
      if (body) rows.push({ subscriptionId: subscription.id, eventId: event.eventId, topic: event.topic, body });
    }
  }
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  return inserted.length;
}

// ---------------------------------------------------------------- delivery

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  topic: string;
  body: string;
  /** This attempt's number within the current round (1 = first try). */
  attempt: number;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries for this worker: pending ones whose time has come, and
 * ones another worker claimed but did not finish within its lease (it crashed or hung). The
 * claim commits at once, so no transaction stays open during the HTTP call; SKIP LOCKED lets
 * N processes claim side by side without taking the same delivery.
 */
export async function claimDueDeliveries(tx: Tx, policy: Pick<DeliveryPolicy, 'leaseMs'>, limit = 10): Promise<ClaimedDelivery[]> {
  const { rows } = await tx.execute(sql`
    with due as (
      select d.id from webhook_deliveries d
      join webhook_subscriptions s on s.id = d.subscription_id and s.status = 'active'
      where (d.status = 'pending' and d.next_attempt_at <= now())
         or (d.status = 'delivering' and d.lease_until < now())
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked)
    update webhook_deliveries d
       set status = 'delivering', attempts = d.attempts + 1, lease_until = now() + ${policy.leaseMs} * interval '1 millisecond'
      from due, webhook_subscriptions s
     where d.id = due.id and s.id = d.subscription_id
    returning d.id, d.subscription_id, d.event_id, d.topic, d.body, d.attempts, s.url, s.secret`);
  return rows.map((r) => ({
    id: String(r.id), subscriptionId: String(r.subscription_id), eventId: String(r.event_id), topic: String(r.topic), body: String(r.body),
    attempt: Number(r.attempts), url: String(r.url), secret: String(r.secret),
  }));
}

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
}

/**
 * Logs an attempt and moves the delivery on: succeeded, back to pending with a backed-off
 * time, or dead-lettered after the last attempt. Failures count against the subscription,
 * which is disabled after `disableAfterFailures` in a row. A worker whose lease lapsed (another
 * worker took over and is on a later attempt) only logs its attempt.
 */
export async function recordAttempt(tx: Tx, policy: DeliveryPolicy, claimed: ClaimedDelivery, result: AttemptResult, random = Math.random()): Promise<DeliveryStatus | 'superseded'> {
  await tx.insert(webhookAttempts).values({
    deliveryId: claimed.id, durationMs: result.durationMs, statusCode: result.statusCode, error: result.error, responseExcerpt: result.responseExcerpt,
  });
  const outcome = outcomeOf(policy, result.statusCode, claimed.attempt);
  const next: Partial<typeof webhookDeliveries.$inferInsert> = outcome === 'succeeded'
    ? { status: 'succeeded', deliveredAt: new Date(), leaseUntil: null }
    : outcome === 'dead'
      ? { status: 'dead', leaseUntil: null }
      : { status: 'pending', leaseUntil: null, nextAttemptAt: new Date(Date.now() + retryDelayMs(policy, claimed.attempt, random)) };
  const updated = await tx.update(webhookDeliveries)
    .set({ ...next, lastStatusCode: result.statusCode, lastError: result.error })
    .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.status, 'delivering'), eq(webhookDeliveries.attempts, claimed.attempt)))
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) return 'superseded';
  if (outcome === 'succeeded') {
    await tx.update(webhookSubscriptions).set({ consecutiveFailures: 0 })
      .where(and(eq(webhookSubscriptions.id, claimed.subscriptionId), sql`${webhookSubscriptions.consecutiveFailures} <> 0`));
  } else {
    // One atomic statement: concurrent failures of one subscription cannot lose a count.
    await tx.execute(sql`
      update webhook_subscriptions set
        consecutive_failures = consecutive_failures + 1,
        status = case when consecutive_failures + 1 >= ${policy.disableAfterFailures} then 'disabled' else status end,
        disabled_at = case when consecutive_failures + 1 >= ${policy.disableAfterFailures} and status = 'active' then now() else disabled_at end,
        disabled_reason = case when consecutive_failures + 1 >= ${policy.disableAfterFailures} and status = 'active'
          then ${`disabled after ${policy.disableAfterFailures} failed attempts in a row`} else disabled_reason end
      where id = ${claimed.subscriptionId}`);
  }
  return next.status as DeliveryStatus;
}

// ---------------------------------------------------------------- log and replay

export async function listDeliveries(tx: Tx, principal: Principal, subscriptionId: string, filter: { status?: DeliveryStatus; limit?: number } = {}): Promise<Array<Delivery & { attemptLog: Attempt[] }>> {
  await getSubscription(tx, principal, subscriptionId);
  const deliveries = await tx.select(deliveryColumns).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), filter.status ? eq(webhookDeliveries.status, filter.status) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(filter.limit ?? 50);
  const attempts = deliveries.length
    ? await tx.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id))).orderBy(webhookAttempts.id)
    : [];
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _d, ...a }) => a) }));
}

/**
 * Sends a delivery again from its first attempt, with the same event id and body: a
 * dead-lettered one after the receiver is fixed, or a delivered one the receiver lost.
 */
export async function replayDelivery(tx: Tx, principal: Principal, deliveryId: string): Promise<Delivery> {
  const [row] = await tx.select({ id: webhookDeliveries.id, status: webhookDeliveries.status, subscriptionId: webhookDeliveries.subscriptionId })
    .from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).for('update');
  const notFound = () => new DomainError('webhooks.delivery_not_found', `No webhook delivery ${deliveryId}`);
  if (!row) throw notFound();
  const [subscription] = await tx.select({ merchantId: webhookSubscriptions.merchantId }).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, row.subscriptionId));
  if (!subscription || !canSee(principal, subscription)) throw notFound();
  if (row.status === 'delivering') throw new DomainError('webhooks.delivery_in_flight', 'This delivery is being attempted right now; look again in a moment');
  const [replayed] = await tx.update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), deliveredAt: null, leaseUntil: null })
    .where(eq(webhookDeliveries.id, deliveryId)).returning(deliveryColumns);
  return replayed;
}

/** For operators' dashboards and metrics: deliveries per state across all subscriptions. */
export async function deliveryCounts(tx: Tx): Promise<Record<DeliveryStatus, number>> {
  const rows = await tx.select({ status: webhookDeliveries.status, n: sql<number>`count(*)::int` }).from(webhookDeliveries).groupBy(webhookDeliveries.status);
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivering: 0, succeeded: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
