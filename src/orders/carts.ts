import { and, eq, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { pgCode, type Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { isSupportedCurrency } from '../payments/index.js';
import { cartLines, carts } from './schema.js';
import './errors.js';

export type Cart = typeof carts.$inferSelect;
export type Channel = 'web' | 'app' | 'pos';

export interface CartAccess {
  principal: Principal | null;
  /** A guest proves a cart is theirs with the token handed out when it was created. */
  guestToken?: string;
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * A signed-in shopper has one open cart per channel and currency (the existing one is
 * returned; another currency opens another cart); a guest gets a new cart and a token (shown
 * once) to reach it again. An unknown currency is refused.
 */
export async function openCart(tx: Tx, access: CartAccess, input: { channel: Exclude<Channel, 'pos'>; currency: string }): Promise<{ cart: Cart; guestToken?: string }> {
  if (!isSupportedCurrency(input.currency)) throw new DomainError('payments.currency_unknown', `${input.currency} is not a supported ISO 4217 currency`, { currency: input.currency }, [{ field: '/currency', message: 'is not a supported currency' }]);
  const accountId = access.principal?.role === 'shopper' ? access.principal.accountId : null;
  if (accountId) {
    const mine = and(eq(carts.accountId, accountId), eq(carts.channel, input.channel), eq(carts.currency, input.currency), eq(carts.status, 'open'));
    const [existing] = await tx.select().from(carts).where(mine);
    if (existing) return { cart: existing };
    // Two first requests at once: the unique index lets one insert; the other reads it.
    const [cart] = await tx.insert(carts).values({ accountId, channel: input.channel, currency: input.currency }).onConflictDoNothing().returning();
    return { cart: cart ?? (await tx.select().from(carts).where(mine))[0] };
  }
  const guestToken = `cart_${randomBytes(24).toString('base64url')}`;
  const [cart] = await tx.insert(carts).values({ guestTokenHash: hashCartToken(guestToken), channel: input.channel, currency: input.currency }).returning();
  return { cart, guestToken };
}

/** The cart, if the caller may use it: its owner, its guest-token holder, or (till) an associate of its store. */
export async function cartFor(tx: Tx, access: CartAccess, cartId: string, options: { lock?: boolean } = {}): Promise<Cart> {
  const query = tx.select().from(carts).where(eq(carts.id, cartId));
  const [cart] = options.lock ? await query.for('update') : await query;
  return allowedCart(access, cartId, cart);
}

export type CartLine = { skuId: string; quantity: number };

/** The cart and its lines (by SKU id) in one round trip, locked when asked; same access rule as cartFor. */
export async function cartWithLines(tx: Tx, access: CartAccess, cartId: string, options: { lock?: boolean } = {}): Promise<{ cart: Cart; lines: CartLine[] }> {
  const query = tx.select({
    cart: carts,
    lines: sql<CartLine[] | string>`coalesce((select json_agg(json_build_object('skuId', l.sku_id, 'quantity', l.quantity) order by l.sku_id) from cart_lines l where l.cart_id = ${carts.id}), '[]'::json)`,
  }).from(carts).where(eq(carts.id, cartId));
  const [row] = options.lock ? await query.for('update', { of: carts }) : await query;
  const cart = allowedCart(access, cartId, row?.cart);
  const lines = typeof row.lines === 'string' ? JSON.parse(row.lines) as CartLine[] : row.lines;
  return { cart, lines: lines.map((l) => ({ skuId: String(l.skuId), quantity: Number(l.quantity) })) };
}

function allowedCart(access: CartAccess, cartId: string, cart: Cart | undefined): Cart {
  const p = access.principal;
  const allowed = cart && (
    (cart.accountId && p?.accountId === cart.accountId)
    || (cart.guestTokenHash && access.guestToken && cart.guestTokenHash === hashCartToken(access.guestToken))
    || (cart.channel === 'pos' && (p?.role === 'operator' || (p?.role === 'associate' && p.locationId === cart.locationId)))
  );
  if (!cart || !allowed) throw new DomainError('orders.cart_not_found', `No cart ${cartId} for this caller`);
  return cart;
}

export function assertOpen(cart: Cart): void {
  if (cart.status !== 'open') throw new DomainError('orders.cart_closed', `Cart ${cart.id} is ${cart.status}`);
}

/** A SKU that does not exist is refused by the line's foreign key; say so as a problem. */
function unknownSku(error: unknown, skuId: string): never {
  if (pgCode(error) === '23503') throw new DomainError('orders.sku_not_found', `No SKU ${skuId}`, {}, [{ field: '/skuId', message: 'does not exist' }]);
  throw error;
}

/**
 * Sets a line's quantity (0 removes it) and touches the cart, in one statement. Answers the
 * line as it now is (null when removed), so that the caller prices only that line.
 */
export async function setCartLine(tx: Tx, cart: Cart, skuId: string, quantity: number): Promise<CartLine | null> {
  assertOpen(cart);
  const now = new Date();
  if (quantity === 0) {
    await tx.execute(sql`
      with touched as (update carts set updated_at = ${now} where id = ${cart.id})
      delete from cart_lines where cart_id = ${cart.id} and sku_id = ${skuId}`);
    return null;
  }
  return upsertLine(tx, cart, skuId, sql`${quantity}::int`, now).catch((error) => unknownSku(error, skuId));
}

/** Adds units of a SKU (up to 999 on the line); answers the line as it now is. */
export async function addToCart(tx: Tx, cart: Cart, skuId: string, quantity: number): Promise<CartLine> {
  assertOpen(cart);
  return upsertLine(tx, cart, skuId, sql`least(cart_lines.quantity + excluded.quantity, 999)`, new Date(), quantity).catch((error) => unknownSku(error, skuId));
}

async function upsertLine(tx: Tx, cart: Cart, skuId: string, onConflict: ReturnType<typeof sql>, now: Date, quantity?: number): Promise<CartLine> {
  const { rows } = await tx.execute(sql`
    with touched as (update carts set updated_at = ${now} where id = ${cart.id})
    insert into cart_lines (cart_id, sku_id, quantity) values (${cart.id}, ${skuId}, ${quantity ?? onConflict})
    on conflict (cart_id, sku_id) do update set quantity = ${onConflict}
    returning sku_id, quantity`);
  return { skuId: String(rows[0].sku_id), quantity: Number(rows[0].quantity) };
}

export async function linesOf(tx: Tx, cartId: string): Promise<Array<{ skuId: string; quantity: number }>> {
  return tx.select({ skuId: cartLines.skuId, quantity: cartLines.quantity }).from(cartLines).where(eq(cartLines.cartId, cartId)).orderBy(cartLines.skuId);
}

/**
 * On sign-in the guest cart's lines move into the shopper's open cart of the same channel
 * (quantities add up), and the guest cart is closed as merged.
 */
export async function mergeGuestCart(tx: Tx, principal: Principal, guestCartId: string, guestToken: string): Promise<Cart> {
  const guest = await cartFor(tx, { principal: null, guestToken }, guestCartId, { lock: true });
  assertOpen(guest);
  if (guest.channel === 'pos') throw new DomainError('orders.cart_not_found', 'A till basket cannot be merged');
  const { cart: target } = await openCart(tx, { principal }, { channel: guest.channel, currency: guest.currency });
  await tx.execute(sql`
    insert into cart_lines (cart_id, sku_id, quantity)
    select ${target.id}, sku_id, quantity from cart_lines where cart_id = ${guest.id}
    on conflict (cart_id, sku_id) do update set quantity = least(cart_lines.quantity + excluded.quantity, 999)`);
  await tx.update(carts).set({ status: 'merged', updatedAt: new Date() }).where(eq(carts.id, guest.id));
  return target;
}
