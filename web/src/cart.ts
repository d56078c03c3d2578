import { api } from './api';

const CART_KEY = 'mercato.cart';

export interface CartRef { cartId: string; guestToken?: string }

function saved(): CartRef | null {
  const raw = localStorage.getItem(CART_KEY);
  return raw ? (JSON.parse(raw) as CartRef) : null;
}

/** Headers that let a guest reach their cart. */
export function cartHeaders(ref: CartRef | null = saved()): Record<string, string> {
  return ref?.guestToken ? { 'x-cart-token': ref.guestToken } : {};
}

/** The shopper's open cart: the signed-in one (the server returns it), or this browser's guest cart. */
export async function currentCart(currency = 'EUR'): Promise<CartRef> {
  const existing = saved();
  if (existing?.guestToken) return existing;
  const ref = await api<CartRef>('/v1/carts', { method: 'POST', body: { channel: 'web', currency }, headers: cartHeaders(existing) });
  localStorage.setItem(CART_KEY, JSON.stringify(ref));
  return ref;
}

export function forgetCart(): void {
  localStorage.removeItem(CART_KEY);
}

export async function addToCart(skuId: string, quantity = 1): Promise<void> {
  const ref = await currentCart();
  await api(`/v1/carts/${ref.cartId}/lines`, { method: 'POST', body: { skuId, quantity }, headers: cartHeaders(ref) });
}
