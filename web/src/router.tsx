import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { currentMe, type Role } from './api/query';
import { Shell } from './shell/Shell';
import { NotFound } from './shell/NotFound';
import { ErrorView } from './shell/ErrorView';
import { NotAllowed } from './shell/NotAllowed';
import { Home } from './shop/Home';

/**
 * The app's routes. Each screen is its own chunk (lazyRouteComponent), and the staff consoles
 * are separate chunks again: a shopper never downloads the till or the merchant console.
 */
const root = createRootRoute({ component: Shell, notFoundComponent: NotFound, errorComponent: ErrorView });

/** A route for some roles only: signed-out callers go to sign-in and come back; others see why not. */
function guard(roles: Role[]) {
  return async ({ location }: { location: { href: string } }) => {
    const account = await currentMe();
    if (!account) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    if (!roles.includes(account.role)) throw redirect({ to: '/not-allowed', search: { page: location.href } });
  };
}

export type SearchSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc';
export interface SearchParams { q?: string; brand?: string; category?: string; pavilion?: string; sort?: SearchSort; cursor?: string }
const SORTS: SearchSort[] = ['relevance', 'newest', 'price_asc', 'price_desc'];
const text = (value: unknown, max = 200) => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined);

const home = createRoute({ getParentRoute: () => root, path: '/', component: Home });
const search = createRoute({
  getParentRoute: () => root, path: '/search',
  validateSearch: (raw: Record<string, unknown>): SearchParams => ({
    q: text(raw.q), brand: text(raw.brand, 80), category: text(raw.category, 80), pavilion: text(raw.pavilion, 80),
    sort: SORTS.includes(raw.sort as SearchSort) ? (raw.sort as SearchSort) : undefined, cursor: text(raw.cursor, 400),
  }),
  component: lazyRouteComponent(() => import('./shop/SearchPage'), 'SearchPage'),
});
const product = createRoute({ getParentRoute: () => root, path: '/products/$productId', component: lazyRouteComponent(() => import('./shop/ProductPage'), 'ProductPage') });
const cart = createRoute({ getParentRoute: () => root, path: '/cart', component: lazyRouteComponent(() => import('./shop/CartPage'), 'CartPage') });
const checkout = createRoute({ getParentRoute: () => root, path: '/checkout', beforeLoad: guard(['shopper']), component: lazyRouteComponent(() => import('./shop/CheckoutPage'), 'CheckoutPage') });
const orders = createRoute({ getParentRoute: () => root, path: '/orders', beforeLoad: guard(['shopper']), component: lazyRouteComponent(() => import('./shop/OrdersPage'), 'OrdersPage') });
const order = createRoute({ getParentRoute: () => root, path: '/orders/$orderId', beforeLoad: guard(['shopper']), component: lazyRouteComponent(() => import('./shop/OrderPage'), 'OrderPage') });
const wallet = createRoute({ getParentRoute: () => root, path: '/wallet', beforeLoad: guard(['shopper']), component: lazyRouteComponent(() => import('./shop/WalletPage'), 'WalletPage') });
const account = createRoute({ getParentRoute: () => root, path: '/account', beforeLoad: guard(['shopper', 'merchant', 'associate', 'operator']), component: lazyRouteComponent(() => import('./shop/AccountPage'), 'AccountPage') });
const signIn = createRoute({
  getParentRoute: () => root, path: '/sign-in',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } => ({ redirect: typeof raw.redirect === 'string' && raw.redirect.startsWith('/') ? raw.redirect : undefined }),
  component: lazyRouteComponent(() => import('./shell/SignInPage'), 'SignInPage'),
});

const notAllowed = createRoute({
  getParentRoute: () => root, path: '/not-allowed',
  validateSearch: (raw: Record<string, unknown>): { page?: string } => ({ page: typeof raw.page === 'string' && raw.page.startsWith('/') ? raw.page : undefined }),
  component: NotAllowed,
});

// Staff consoles: one chunk each.
const store = createRoute({ getParentRoute: () => root, path: '/store', beforeLoad: guard(['associate', 'operator']), component: lazyRouteComponent(() => import('./consoles/StoreConsole'), 'StoreConsole') });
const stock = createRoute({ getParentRoute: () => root, path: '/stock', beforeLoad: guard(['associate', 'operator', 'merchant']), component: lazyRouteComponent(() => import('./consoles/StockConsole'), 'StockConsole') });
const merchant = createRoute({ getParentRoute: () => root, path: '/merchant', beforeLoad: guard(['merchant']), component: lazyRouteComponent(() => import('./consoles/MerchantConsole'), 'MerchantConsole') });
const review = createRoute({ getParentRoute: () => root, path: '/review', beforeLoad: guard(['operator']), component: lazyRouteComponent(() => import('./consoles/ReviewQueue'), 'ReviewQueue') });
const insights = createRoute({ getParentRoute: () => root, path: '/insights', beforeLoad: guard(['analyst', 'operator', 'merchant']), component: lazyRouteComponent(() => import('./consoles/InsightsConsole'), 'InsightsConsole') });

export const routeTree = root.addChildren([home, search, product, cart, checkout, orders, order, wallet, account, signIn, notAllowed, store, stock, merchant, review, insights]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true, defaultNotFoundComponent: NotFound, defaultErrorComponent: ErrorView });

declare module '@tanstack/react-router' {
  interface Register { router: typeof router }
}

/** Staff consoles shown in the navigation, by role (labels are message ids). */
export const staffConsoles: Array<{ to: '/store' | '/stock' | '/merchant' | '/review' | '/insights'; label: string; roles: Role[] }> = [
  { to: '/store', label: 'nav.store', roles: ['associate', 'operator'] },
  { to: '/stock', label: 'nav.stock', roles: ['associate', 'operator', 'merchant'] },
  { to: '/merchant', label: 'nav.merchant', roles: ['merchant'] },
  { to: '/review', label: 'nav.review', roles: ['operator'] },
  { to: '/insights', label: 'nav.insights', roles: ['analyst', 'operator', 'merchant'] },
];
