import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, session, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import type { components, operations } from '../api/schema';

const CART_KEY = 'mercato.cart';

export interface CartRef { cartId: string; guestToken?: string; currency: string }
export type Cart = operations['getCart']['responses'][200]['content']['application/json'];
export type Product = components['schemas']['Product'];

function saved(): CartRef | null {
  try {
    const raw = localStorage.getItem(CART_KEY);
    return raw ? (JSON.parse(raw) as CartRef) : null;
  } catch {
    return null;
  }
}

function remember(ref: CartRef | null) {
  if (ref) localStorage.setItem(CART_KEY, JSON.stringify(ref));
  else localStorage.removeItem(CART_KEY);
}

/** Headers that let a guest reach their cart. */
export function cartHeaders(ref: CartRef | null = saved()): Record<string, string> {
  return ref?.guestToken ? { 'x-cart-token': ref.guestToken } : {};
}

/** The shopper's open cart in a currency: a signed-in shopper's own (the server finds it), or this browser's guest cart. */
export async function openCart(currency: string): Promise<CartRef> {
  const existing = saved();
  if (existing && existing.currency === currency && (existing.guestToken ? !session.token() : !!session.token())) return existing;
  const opened = await unwrap(api.POST('/v1/carts', { body: { channel: 'web', currency } }));
  const ref = { cartId: opened.cartId, guestToken: opened.guestToken, currency };
  remember(ref);
  return ref;
}

/** After sign-in: a guest cart's lines join the shopper's cart. */
export async function adoptGuestCart(token: string): Promise<void> {
  const guest = saved();
  if (!guest?.guestToken) { remember(null); return; }
  try {
    const merged = await unwrap(api.POST('/v1/carts/{cartId}/merge', { params: { path: { cartId: guest.cartId } }, body: { guestToken: guest.guestToken }, headers: { authorization: `Bearer ${token}` } }));
    remember({ cartId: merged.cartId, currency: guest.currency });
  } catch {
    remember(null);
  }
}

export function forgetCart(): void {
  remember(null);
}

export async function addToCart(skuId: string, quantity: number, currency: string): Promise<void> {
  const ref = await openCart(currency);
  await unwrap(api.POST('/v1/carts/{cartId}/lines', { params: { path: { cartId: ref.cartId } }, body: { skuId, quantity }, headers: cartHeaders(ref) }));
}

export async function setLineQuantity(skuId: string, quantity: number): Promise<void> {
  const ref = saved();
  if (!ref) return;
  await unwrap(api.PUT('/v1/carts/{cartId}/lines/{skuId}', { params: { path: { cartId: ref.cartId, skuId } }, body: { quantity }, headers: cartHeaders(ref) }));
}

export const cartQueryKey = ['cart'] as const;

/** The current cart as the server prices it now, or null when this browser has none. */
export function useCart(enabled = true) {
  const { currency } = useLocale();
  return useQuery({
    queryKey: [...cartQueryKey, session.token(), currency],
    enabled,
    queryFn: async (): Promise<Cart | null> => {
      const ref = saved();
      if (!ref) {
        if (!session.token()) return null;
        // A signed-in shopper may have a cart from another device.
        const opened = await openCart(currency);
        return unwrap(api.GET('/v1/carts/{cartId}', { params: { path: { cartId: opened.cartId } } }));
      }
      try {
        return await unwrap(api.GET('/v1/carts/{cartId}', { params: { path: { cartId: ref.cartId } }, headers: cartHeaders(ref) }));
      } catch {
        forgetCart();
        return null;
      }
    },
  });
}

export function useInvalidateCart(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: cartQueryKey });
}

export function currentCartRef(): CartRef | null {
  return saved();
}
