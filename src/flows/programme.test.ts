import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import type { Principal } from '../identity/model.js';
import { openCart, setCartLine } from '../orders/carts.js';
import { fulfilmentOptions } from '../orders/sourcing.js';
import { programmeProgress, startProgramme } from '../merchants/onboarding-service.js';
import { checkout } from './checkout.js';
import { returnAtStore } from './after-sale.js';
import { transitionFulfilment } from '../orders/fulfilment.js';
import type { FulfilmentEvent } from '../orders/model.js';

const HOME = { latitude: 39.86283, longitude: -4.02732, country: 'ES' }; // Toledo
const carmen: Principal = { accountId: demoId('account:carmen@mercato.test'), email: 'carmen@mercato.test', role: 'shopper', merchantId: null, locationId: null };

describeEachBackend('launch programme from real orders', (use) => {
  beforeAll(async () => { await withTx(use().db, (tx) => seedDemo(tx)); });

  it('counts the GMV of checked-out orders, net of a return, in the programme window', async () => {
    const { merchantId, programmeId, skuId, storeId } = await withTx(use().db, async (tx) => {
      const { rows: [merchant] } = await tx.execute(sql`insert into merchants (legal_name, country, kind, settlement_currency) values ('Toledo Steel S.L.', 'ES', 'brand_owner', 'EUR') returning id`);
      const merchantId = String(merchant.id);
      const { rows: [storefront] } = await tx.execute(sql`insert into storefronts (merchant_id, name, slug, status, live_at) values (${merchantId}, 'Toledo Steel', ${`toledo-steel-${Date.now()}`}, 'live', now()) returning id`);
      const programme = await startProgramme(tx, { merchantId, storefrontId: String(storefront.id), startsAt: new Date(Date.now() - 86_400_000), targetMinor: 1_000_000, targetCurrency: 'EUR' });
      const store = await openStore(tx, { latitude: HOME.latitude, longitude: HOME.longitude, city: 'Toledo' });
      const { skuId } = await sellableSku(tx, { merchantId, priceMinor: 15_000 });
      await stock(tx, store.id, skuId, 10);
      await topUp(tx, carmen.accountId, 200_000);
      return { merchantId, programmeId: programme.id, skuId, storeId: store.id };
    });
    const cartId = await withTx(use().db, async (tx) => {
      const { cart } = await openCart(tx, { principal: carmen }, { channel: 'web', currency: 'EUR' });
      await setCartLine(tx, cart, skuId, 3);
      return cart.id;
    });
    const { options } = await fulfilmentOptions(use().db, [{ skuId, quantity: 3 }], HOME, 'EUR');
    const placed = await withTx(use().db, (tx) => checkout(tx, carmen, { cartId, access: { principal: carmen }, optionId: options[0].id, destination: HOME, payment: { provider: 'wallet' } }));
    expect((await programmeProgress(use().db, programmeId, { merchantId })).gmvMinor).toBe(45_000);

    const { rows: [line] } = await use().db.execute(sql`select id from order_lines where order_id = ${placed.orderId}`);
    const associate: Principal = { accountId: demoId('account:operator@mercato.test'), email: 'o', role: 'operator', merchantId: null, locationId: null };
    // Only units the shopper received can come back: deliver the order first.
    const { rows: [parcel] } = await use().db.execute(sql`select id, kind from fulfilments where order_id = ${placed.orderId}`);
    const walk = parcel.kind === 'store_pickup' ? ['start_pick', 'pack', 'ready'] : parcel.kind === 'standard_shipping' ? ['start_pick', 'pack', 'ship', 'deliver'] : ['start_pick', 'pack', 'dispatch', 'deliver'];
    for (const event of walk) await withTx(use().db, (tx) => transitionFulfilment(tx, associate, String(parcel.id), event as FulfilmentEvent));
    if (parcel.kind === 'store_pickup') await withTx(use().db, (tx) => transitionFulfilment(tx, associate, String(parcel.id), 'hand_over'));
    await withTx(use().db, (tx) => returnAtStore(tx, associate, storeId, placed.orderId, { lines: [{ orderLineId: String(line.id), quantity: 1 }], refundTo: 'wallet' }));
    const progress = await programmeProgress(use().db, programmeId, { merchantId });
    expect(progress.gmvMinor).toBe(30_000);
    expect(progress.daily.at(-1)?.cumulativeMinor).toBe(30_000);
  });
});
