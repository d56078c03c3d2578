import type { ComponentType } from 'react';
import { StoreConsole } from './StoreConsole';
import { StockConsole } from './StockConsole';
import { WalletConsole } from './WalletConsole';
import { ShopSearch } from './ShopSearch';
import { MerchantConsole } from './MerchantConsole';
import { ReviewQueue } from './ReviewQueue';
import { CartPage } from './CartPage';
import { OrdersPage } from './OrdersPage';

/**
 * The consoles of the web app. Each domain adds its page here (one line): it shows in the nav
 * for the roles listed, at `#/<path>`. `roles: []` means everyone, signed in or not.
 */
export interface Console {
  path: string;
  title: string;
  roles: Array<'shopper' | 'merchant' | 'associate' | 'operator'>;
  component: ComponentType;
}

export const consoles: Console[] = [
  { path: 'store', title: 'Store console', roles: ['associate', 'operator'], component: StoreConsole },
  { path: 'stock', title: 'Stock & locations', roles: ['associate', 'operator', 'merchant'], component: StockConsole },
  { path: 'wallet', title: 'Wallet', roles: ['shopper'], component: WalletConsole },
  { path: 'shop', title: 'Shop', roles: [], component: ShopSearch },
  { path: 'cart', title: 'Cart', roles: [], component: CartPage },
  { path: 'orders', title: 'My orders', roles: ['shopper'], component: OrdersPage },
  { path: 'merchant', title: 'Merchant console', roles: ['merchant'], component: MerchantConsole },
  { path: 'review', title: 'Review queue', roles: ['operator'], component: ReviewQueue },
];
