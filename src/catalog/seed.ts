import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { brandAuthorisations, brands, launchProgrammes, merchants, onboardingApplications, onboardingEvents, pavilionStorefronts, pavilions, storefronts } from '../merchants/schema.js';
import { categories, priceListAccounts, priceListItems, priceLists, priceTiers, productImages, productTranslations, products, skus } from './schema.js';
import { ean13 } from './model.js';
import { refreshSearch } from './service.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const verdier = demoId('merchant:maison-verdier');
const DAY = 24 * 3600 * 1000;

const CATEGORIES = [
  { slug: 'moda', parent: null, name: { es: 'Moda', it: 'Moda', en: 'Fashion', zh: '时尚' } },
  { slug: 'bolsos', parent: 'moda', name: { es: 'Bolsos', it: 'Borse', en: 'Handbags', zh: '手袋' } },
  { slug: 'accesorios', parent: 'moda', name: { es: 'Accesorios', it: 'Accessori', en: 'Accessories', zh: '配饰' } },
  { slug: 'alimentacion', parent: null, name: { es: 'Alimentación', it: 'Alimentari', en: 'Food and drink', zh: '食品饮料' } },
  { slug: 'te', parent: 'alimentacion', name: { es: 'Té', it: 'Tè', en: 'Tea', zh: '茶叶' } },
  { slug: 'cafe', parent: 'alimentacion', name: { es: 'Café', it: 'Caffè', en: 'Coffee', zh: '咖啡' } },
] as const;

type T = { es: string; it: string; en: string; zh: string };
interface DemoProduct { code: string; merchant: string; brand: string; category: string; title: T; variants: Array<{ code: string; attributes: Record<string, string>; eur: number; cny: number }>; image: string }

const PRODUCTS: DemoProduct[] = [
  { code: 'AUR-DUOMO', merchant: aurelia, brand: 'aurelia', category: 'bolsos', image: 'https://images.mercato.example/aurelia/duomo.jpg',
    title: { es: 'Bolso de piel Aurelia Duomo', it: 'Borsa in pelle Aurelia Duomo', en: 'Aurelia Duomo leather handbag', zh: 'Aurelia Duomo 真皮女士手袋' },
    variants: [{ code: 'AUR-DUOMO-NERO', attributes: { colour: 'nero' }, eur: 189000, cny: 1488000 }, { code: 'AUR-DUOMO-COGNAC', attributes: { colour: 'cognac' }, eur: 189000, cny: 1488000 }] },
  { code: 'AUR-BRERA', merchant: aurelia, brand: 'aurelia', category: 'bolsos', image: 'https://images.mercato.example/aurelia/brera.jpg',
    title: { es: 'Bolso bandolera Aurelia Brera', it: 'Borsa a tracolla Aurelia Brera', en: 'Aurelia Brera crossbody bag', zh: 'Aurelia Brera 斜挎包' },
    variants: [{ code: 'AUR-BRERA-ROSSO', attributes: { colour: 'rosso' }, eur: 129000, cny: 998000 }] },
  { code: 'AUR-FOULARD', merchant: aurelia, brand: 'aurelia', category: 'accesorios', image: 'https://images.mercato.example/aurelia/foulard.jpg',
    title: { es: 'Pañuelo de seda Aurelia Navigli', it: 'Foulard di seta Aurelia Navigli', en: 'Aurelia Navigli silk scarf', zh: 'Aurelia Navigli 真丝围巾' },
    variants: [{ code: 'AUR-FOULARD-90', attributes: { size: '90x90' }, eur: 39000, cny: 298000 }] },
  { code: 'AUR-CARD', merchant: lumen, brand: 'aurelia', category: 'accesorios', image: 'https://images.mercato.example/lumen/aurelia-card.jpg',
    title: { es: 'Tarjetero de piel Aurelia', it: 'Portacarte in pelle Aurelia', en: 'Aurelia leather card holder', zh: 'Aurelia 真皮卡包' },
    variants: [{ code: 'LUM-AUR-CARD', attributes: { colour: 'nero' }, eur: 24000, cny: 188000 }] },
  { code: 'LUM-LONGJING', merchant: lumen, brand: 'lumen-tea', category: 'te', image: 'https://images.mercato.example/lumen/longjing.jpg',
    title: { es: 'Té verde Longjing de primavera', it: 'Tè verde Longjing di primavera', en: 'Spring Longjing green tea', zh: '西湖龙井明前绿茶' },
    variants: [{ code: 'LUM-LONGJING-100', attributes: { size: '100 g' }, eur: 3800, cny: 28800 }, { code: 'LUM-LONGJING-250', attributes: { size: '250 g' }, eur: 8500, cny: 65800 }] },
  { code: 'LUM-PUER', merchant: lumen, brand: 'lumen-tea', category: 'te', image: 'https://images.mercato.example/lumen/puer.jpg',
    title: { es: 'Té Pu-erh añejo de Yunnan', it: 'Tè Pu-erh invecchiato dello Yunnan', en: 'Aged Yunnan Pu-erh tea cake', zh: '云南陈年普洱茶饼' },
    variants: [{ code: 'LUM-PUER-357', attributes: { size: '357 g' }, eur: 6900, cny: 52800 }] },
  { code: 'LUM-CAFE', merchant: lumen, brand: 'lumen-tea', category: 'cafe', image: 'https://images.mercato.example/lumen/cafe.jpg',
    title: { es: 'Café de Yunnan tostado natural', it: 'Caffè dello Yunnan tostato naturale', en: 'Yunnan single-origin café beans', zh: '云南小粒咖啡豆' },
    variants: [{ code: 'LUM-CAFE-500', attributes: { size: '500 g' }, eur: 2400, cny: 16800 }] },
];

/** Marketplace and catalogue demo: brands, a luxury pavilion, storefronts, products in es/it/en/zh. */
export async function seedCatalogDemo(tx: Tx): Promise<Record<string, number>> {
  const now = Date.now();
  await tx.insert(merchants).values({ id: verdier, legalName: 'Maison Verdier SAS', country: 'FR', kind: 'brand_owner', settlementCurrency: 'EUR', commissionBps: 1500, status: 'pending' }).onConflictDoNothing();

  await tx.insert(brands).values([
    { id: demoId('brand:aurelia'), name: 'Aurelia', slug: 'aurelia', ownerMerchantId: aurelia, trademarkNumber: 'IT 302019000071234', trademarkOffice: 'UIBM', trademarkClasses: [18, 25], trademarkExpiresOn: '2034-03-31' },
    { id: demoId('brand:lumen-tea'), name: 'Lumen Tea', slug: 'lumen-tea', ownerMerchantId: lumen, trademarkNumber: 'CN 38814520', trademarkOffice: 'CNIPA', trademarkClasses: [30], trademarkExpiresOn: '2031-08-13' },
  ]).onConflictDoNothing();
  // Lumen resells Aurelia card holders in China under a one-year authorisation.
  await tx.insert(brandAuthorisations).values({
    id: demoId('authorisation:aurelia:lumen'), brandId: demoId('brand:aurelia'), merchantId: lumen, scope: 'small leather goods', territories: ['CN'],
    validFrom: new Date(now - 30 * DAY), validTo: new Date(now + 335 * DAY),
  }).onConflictDoNothing();

  await tx.insert(storefronts).values([
    { id: demoId('storefront:casa-aurelia'), merchantId: aurelia, name: 'Casa Aurelia', slug: 'casa-aurelia', logoUrl: 'https://images.mercato.example/aurelia/logo.svg', status: 'live', liveAt: new Date(now - 20 * DAY),
      description: { es: 'Marroquinería de lujo hecha en Milán desde 1952.', it: 'Pelletteria di lusso fatta a Milano dal 1952.', en: 'Luxury leather goods made in Milan since 1952.', zh: '自1952年起米兰手工制作的奢华皮具。' } },
    { id: demoId('storefront:lumen-tea'), merchantId: lumen, name: 'Lumen Tea 旗舰店', slug: 'lumen-tea', logoUrl: 'https://images.mercato.example/lumen/logo.svg', status: 'live', liveAt: new Date(now - 60 * DAY),
      description: { es: 'Tés de origen de Zhejiang y Yunnan.', it: 'Tè d\'origine dello Zhejiang e dello Yunnan.', en: 'Single-origin teas from Zhejiang and Yunnan.', zh: '浙江与云南原产地好茶。' } },
  ]).onConflictDoNothing();
  await tx.insert(pavilions).values({ id: demoId('pavilion:luxury'), slug: 'luxury', name: { es: 'Pabellón de lujo', it: 'Padiglione del lusso', en: 'Luxury Pavilion', zh: '奢品馆' },
    description: { en: 'Flagship storefronts of luxury houses, vetted by Mercato.', es: 'Tiendas oficiales de casas de lujo.', it: 'Negozi ufficiali delle maison del lusso.', zh: '奢侈品牌官方旗舰店。' } }).onConflictDoNothing();
  await tx.insert(pavilionStorefronts).values({ pavilionId: demoId('pavilion:luxury'), storefrontId: demoId('storefront:casa-aurelia'), position: 0 }).onConflictDoNothing();

  // Casa Aurelia went live 20 days ago: its 90-day programme targets 1,000,000.00 CNY.
  await tx.insert(launchProgrammes).values({
    id: demoId('programme:casa-aurelia'), merchantId: aurelia, storefrontId: demoId('storefront:casa-aurelia'), startsAt: new Date(now - 20 * DAY), endsAt: new Date(now + 70 * DAY),
    targetMinor: 100_000_000, targetCurrency: 'CNY', fxRates: [{ from: 'EUR', rate: '7.85' }],
  }).onConflictDoNothing();
  // Maison Verdier applied 26 days ago and is still in review: at risk.
  const submitted = new Date(now - 26 * DAY);
  await tx.insert(onboardingApplications).values({
    id: demoId('application:maison-verdier'), merchantId: verdier, status: 'in_review', submittedAt: submitted, deadlineAt: new Date(submitted.getTime() + 30 * DAY),
    company: { legalName: 'Maison Verdier SAS', registrationNumber: 'RCS Paris 852 147 963', address: '18 rue du Faubourg Saint-Honoré, 75008 Paris', contact: 'claire.verdier@maison-verdier.example' },
    claimedBrands: [{ name: 'Verdier Paris', slug: 'verdier-paris', trademarkNumber: 'FR 4567890', trademarkOffice: 'INPI', trademarkClasses: [3, 14], trademarkExpiresOn: '2033-05-02' }],
    stageTimes: { submitted: submitted.toISOString(), in_review: new Date(submitted.getTime() + 2 * DAY).toISOString() },
  }).onConflictDoNothing();
  const { rows: events } = await tx.execute(sql`select 1 from onboarding_events where application_id = ${demoId('application:maison-verdier')} limit 1`);
  if (!events.length) {
    await tx.insert(onboardingEvents).values([
      { applicationId: demoId('application:maison-verdier'), action: 'submit', fromStatus: 'draft', toStatus: 'submitted', at: submitted },
      { applicationId: demoId('application:maison-verdier'), action: 'start_review', fromStatus: 'submitted', toStatus: 'in_review', at: new Date(submitted.getTime() + 2 * DAY), actorAccountId: demoId('account:operator@mercato.test') },
    ]);
  }

  const parents = new Map<string, string>();
  for (const c of CATEGORIES) {
    const id = demoId(`category:${c.slug}`);
    parents.set(c.slug, id);
    await tx.insert(categories).values({ id, slug: c.slug, name: c.name, parentId: c.parent ? parents.get(c.parent)! : null }).onConflictDoNothing();
  }

  const retail = async (merchantId: string, currency: string) => {
    const id = demoId(`price-list:${merchantId}:retail:${currency}`);
    await tx.insert(priceLists).values({ id, merchantId, code: `retail-${currency.toLowerCase()}`, name: `Retail ${currency}`, kind: 'retail', currency }).onConflictDoNothing();
    return id;
  };
  let barcodeSerial = 0;
  const productIds: string[] = [];
  for (const p of PRODUCTS) {
    const productId = demoId(`product:${p.code}`);
    productIds.push(productId);
    await tx.insert(products).values({ id: productId, merchantId: p.merchant, productCode: p.code, brandId: demoId(`brand:${p.brand}`), categoryId: demoId(`category:${p.category}`), status: 'active' }).onConflictDoNothing();
    await tx.insert(productTranslations).values((['es', 'it', 'en', 'zh'] as const).map((locale) => ({ productId, locale, title: p.title[locale] }))).onConflictDoNothing();
    await tx.insert(productImages).values({ productId, url: p.image, position: 0, alt: p.title.en }).onConflictDoNothing();
    for (const v of p.variants) {
      const skuId = demoId(`sku:${v.code}`);
      barcodeSerial++;
      await tx.insert(skus).values({ id: skuId, productId, merchantId: p.merchant, skuCode: v.code, barcode: ean13(`800${String(barcodeSerial).padStart(9, '0')}`), attributes: v.attributes }).onConflictDoNothing();
      for (const [currency, amount] of [['EUR', v.eur], ['CNY', v.cny]] as const) {
        const listId = await retail(p.merchant, currency);
        await tx.insert(priceListItems).values({ priceListId: listId, skuId, moq: 1 }).onConflictDoNothing();
        await tx.insert(priceTiers).values({ priceListId: listId, skuId, minQuantity: 1, unitAmountMinor: amount }).onConflictDoNothing();
      }
    }
  }
  // Wholesale tea for cafés and hotels (HoReCa): MOQ 10, cheaper from 50 and 200.
  const horeca = demoId(`price-list:${lumen}:horeca-eur`);
  await tx.insert(priceLists).values({ id: horeca, merchantId: lumen, code: 'horeca-eur', name: 'HoReCa wholesale EUR', kind: 'wholesale', currency: 'EUR' }).onConflictDoNothing();
  const longjing = demoId('sku:LUM-LONGJING-250');
  await tx.insert(priceListItems).values({ priceListId: horeca, skuId: longjing, moq: 10 }).onConflictDoNothing();
  await tx.insert(priceTiers).values([
    { priceListId: horeca, skuId: longjing, minQuantity: 10, unitAmountMinor: 6400 },
    { priceListId: horeca, skuId: longjing, minQuantity: 50, unitAmountMinor: 5900 },
    { priceListId: horeca, skuId: longjing, minQuantity: 200, unitAmountMinor: 5400 },
  ]).onConflictDoNothing();
  await tx.insert(priceListAccounts).values({ priceListId: horeca, accountId: demoId('account:giulia@mercato.test') }).onConflictDoNothing();

  await refreshSearch(tx, productIds);
  return { brands: 2, storefronts: 2, pavilions: 1, categories: CATEGORIES.length, products: PRODUCTS.length, skus: PRODUCTS.reduce((n, p) => n + p.variants.length, 0) };
}
