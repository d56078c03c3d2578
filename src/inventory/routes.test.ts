import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { demoId } from '../seed/demo-id.js';

const sol = demoId('location:MAD-SOL');
const salamanca = demoId('location:MAD-SAL');
const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');

describeEachBackend('inventory and locations over HTTP', (use) => {
  let app: FastifyInstance;
  let operator: string, associate: string, aureliaStaff: string, lumenStaff: string, carmen: string, giulia: string;
  let aureliaSku: string, lumenSku: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [operator, associate, aureliaStaff, lumenStaff, carmen, giulia] = await Promise.all(
      ['operator', 'associate.sol', 'aurelia', 'lumen', 'carmen', 'giulia'].map((who) => signInAs(app, `${who}@mercato.test`)));
    const sku = async (merchant: string, code: string) => {
      const { rows: [p] } = await use().db.execute(sql`insert into products (merchant_id, status, product_code) values (${merchant}, 'active', ${code}) returning id`);
      const { rows: [s] } = await use().db.execute(sql`insert into skus (product_id, merchant_id, sku_code) values (${p.id}, ${merchant}, ${code}) returning id`);
      return String(s.id);
    };
    aureliaSku = await sku(aurelia, 'T-AUR-SILK-SCARF');
    lumenSku = await sku(lumen, 'T-LUM-LONGJING-100G');
  });
  afterAll(() => app.close());

  const move = (token: string, locationId: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/locations/${locationId}/stock/movements`, headers: auth(token), payload: body });

  it('lets the associate receive stock at their store and see it, but not another store', async () => {
    const received = await move(associate, sol, { skuId: aureliaSku, kind: 'receipt', quantity: 3, reason: 'delivery DN-1' });
    expect(received.statusCode).toBe(201);
    expect(received.json()).toMatchObject({ kind: 'receipt', quantity: 3, onHandAfter: 3, actorAccountId: demoId('account:associate.sol@mercato.test') });
    expect((await move(operator, sol, { skuId: lumenSku, kind: 'receipt', quantity: 2, reason: 'delivery DN-2' })).statusCode).toBe(201);
    const stock = await app.inject({ url: `/v1/locations/${sol}/stock`, headers: auth(associate) });
    // Demo stock of the catalogue's SKUs is there too; these are the test's own.
    const mine = stock.json().items.filter((r: any) => r.skuCode.startsWith('T-'));
    expect(mine.map((r: any) => [r.skuCode, r.available])).toEqual([['T-AUR-SILK-SCARF', 3], ['T-LUM-LONGJING-100G', 2]]);
    expectProblem(await app.inject({ url: `/v1/locations/${salamanca}/stock`, headers: auth(associate) }), 404, 'http.not_found');
    expectProblem(await move(associate, salamanca, { skuId: aureliaSku, kind: 'receipt', quantity: 1, reason: 'x' }), 404, 'http.not_found');
    expectProblem(await app.inject({ url: `/v1/locations/${sol}/stock`, headers: auth(carmen) }), 403, 'http.forbidden');
  });

  it('shows a merchant only its own SKUs and refuses to let it touch another merchant\'s', async () => {
    const stock = (await app.inject({ url: `/v1/locations/${sol}/stock`, headers: auth(lumenStaff) })).json().items;
    expect(stock.map((r: any) => r.skuCode)).toContain('T-LUM-LONGJING-100G');
    expect(stock.every((r: any) => r.merchantId === lumen)).toBe(true);
    expectProblem(await move(lumenStaff, sol, { skuId: aureliaSku, kind: 'adjustment', quantity: -1, reason: 'x' }), 404, 'inventory.sku_not_found');
    expectProblem(await app.inject({ url: `/v1/merchants/${aurelia}/stock`, headers: auth(lumenStaff) }), 404, 'http.not_found');
    const everywhere = (await app.inject({ url: `/v1/merchants/${aurelia}/stock`, headers: auth(aureliaStaff) })).json().items;
    expect(everywhere.map((r: any) => r.skuCode)).toContain('T-AUR-SILK-SCARF');
    expect(everywhere.every((r: any) => r.merchantId === aurelia)).toBe(true);
  });

  it('refuses an adjustment below what is reserved, with a problem naming the figures', async () => {
    const problem = expectProblem(await move(associate, sol, { skuId: aureliaSku, kind: 'adjustment', quantity: -5, reason: 'shrinkage' }), 409, 'inventory.insufficient');
    expect(problem).toMatchObject({ requested: 5, available: 3 });
    expectProblem(await move(associate, sol, { skuId: aureliaSku, kind: 'receipt', quantity: 1 }), 400, 'http.validation');
  });

  it('reserves over HTTP, answers sold-out for the unit that is not there, and lets only the holder release', async () => {
    const one = await app.inject({ method: 'POST', url: '/v1/inventory/reservations', headers: auth(carmen), payload: { lines: [{ skuId: aureliaSku, locationId: sol, quantity: 3 }] } });
    expect(one.statusCode).toBe(201);
    const soldOut = expectProblem(await app.inject({ method: 'POST', url: '/v1/inventory/reservations', headers: auth(giulia), payload: { lines: [{ skuId: aureliaSku, locationId: sol, quantity: 1 }] } }), 409, 'inventory.sold_out');
    expect(soldOut).toMatchObject({ skuId: aureliaSku, locationId: sol, available: 0 });
    const cart = expectProblem(await app.inject({ method: 'POST', url: '/v1/inventory/reservations', headers: auth(giulia), payload: {
      lines: [{ skuId: lumenSku, locationId: sol, quantity: 1 }, { skuId: aureliaSku, locationId: sol, quantity: 1 }], ttlSeconds: 600,
    } }), 409, 'inventory.sold_out');
    expect(cart.line).toBe(1);
    const atp = (await app.inject(`/v1/inventory/availability?sku=${lumenSku}&sku=${aureliaSku}`)).json();
    expect(atp.items.map((i: any) => [i.skuId, i.network])).toEqual([[lumenSku, 2], [aureliaSku, 0]]);
    const id = one.json().id;
    expectProblem(await app.inject({ method: 'POST', url: `/v1/inventory/reservations/${id}/release`, headers: auth(giulia) }), 404, 'inventory.reservation_not_found');
    const released = await app.inject({ method: 'POST', url: `/v1/inventory/reservations/${id}/release`, headers: auth(carmen) });
    expect(released.json().status).toBe('released');
    expect((await app.inject(`/v1/inventory/availability?sku=${aureliaSku}&location=${sol}`)).json().items[0].network).toBe(3);
  });

  it('lets the operator open, change and close a location; refuses a pop-up with no window', async () => {
    const body = { code: 'MAD-POP1', name: 'Pop-up Gran Vía', kind: 'popup', latitude: 40.4203, longitude: -3.7058, address: 'Gran Vía 32', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid' };
    expectProblem(await app.inject({ method: 'POST', url: '/v1/locations', headers: auth(operator), payload: body }), 422, 'locations.invalid');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/locations', headers: auth(associate), payload: body }), 403, 'http.forbidden');
    const created = await app.inject({ method: 'POST', url: '/v1/locations', headers: auth(operator), payload: { ...body, activeFrom: '2026-01-01T00:00:00Z', activeTo: '2099-01-01T00:00:00Z', localDelivery: true } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ deliveryRadiusM: 3000, localDelivery: true });
    const id = created.json().id;
    expect((await app.inject({ method: 'PATCH', url: `/v1/locations/${id}`, headers: auth(operator), payload: { deliveryRadiusM: 2500 } })).json().deliveryRadiusM).toBe(2500);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/locations', headers: auth(operator), payload: { ...body, code: 'MAD-SOL', kind: 'store' } }), 409, 'locations.code_taken');
    expect((await app.inject({ method: 'DELETE', url: `/v1/locations/${id}`, headers: auth(operator) })).statusCode).toBe(200);
    expect((await app.inject('/v1/locations')).json().items.map((l: any) => l.id)).not.toContain(id);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/v1/locations/nearby', '/v1/locations/{locationId}/pickup-slots', '/v1/locations/{locationId}/stock/movements', '/v1/inventory/reservations',
    ]));
  });

  it('finds nearby stores with stock of a SKU list', async () => {
    // Puerta del Sol itself: Sol at 0 m, Salamanca 1.98 km and Chamberí 2.02 km away; only Sol has the tea.
    const response = await app.inject(`/v1/locations/nearby?lat=40.4169&lon=-3.7035&radius_km=2.5&kind=store&sku=${lumenSku}`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((i: any) => i.location.code)).toEqual(['MAD-SOL', 'MAD-SAL', 'MAD-CHA']);
    expect(items[0]).toMatchObject({ deliversHere: true, hasAllSkus: true, stock: [{ skuId: lumenSku, available: 2 }] });
    const inStock = (await app.inject(`/v1/locations/nearby?lat=40.4169&lon=-3.7035&radius_km=2.5&sku=${lumenSku}&in_stock=true`)).json().items;
    expect(inStock.map((i: any) => i.location.code)).toEqual(['MAD-SOL']);
    expectProblem(await app.inject('/v1/locations/nearby?lat=95&lon=0&radius_km=1'), 400, 'http.validation');
  });

  it('serves opening hours and the pickup slots of a date; the associate edits their store\'s hours', async () => {
    const hours = (await app.inject(`/v1/locations/${sol}/opening-hours`)).json();
    expect(hours.weekly).toHaveLength(7);
    expect(hours.exceptions).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-12-25', closed: true })]));
    expect((await app.inject(`/v1/locations/${sol}/pickup-slots?date=2026-12-25`)).json().items).toEqual([]);
    const put = await app.inject({ method: 'PUT', url: `/v1/locations/${sol}/opening-hours`, headers: auth(associate), payload: { ...hours, exceptions: [...hours.exceptions, { date: '2030-01-06', closed: true, reason: 'Reyes' }] } });
    expect(put.statusCode).toBe(200);
    const slots = (await app.inject(`/v1/locations/${sol}/pickup-slots?date=2030-01-07`)).json().items;
    expect(slots[0]).toMatchObject({ start: '2030-01-07T09:00:00.000Z', capacity: 6, remaining: 6 });
    const booked = await app.inject({ method: 'POST', url: `/v1/locations/${sol}/pickup-slots/bookings`, headers: auth(associate), payload: { slotStart: slots[0].start, reference: 'phone order 12' } });
    expect(booked.statusCode).toBe(201);
    expect((await app.inject(`/v1/locations/${sol}/pickup-slots?date=2030-01-07`)).json().items[0].remaining).toBe(5);
    expectProblem(await app.inject({ method: 'PUT', url: `/v1/locations/${salamanca}/opening-hours`, headers: auth(associate), payload: hours }), 404, 'http.not_found');
  });
});
