import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { scanJson } from './json-body.js';
import { demoId } from '../seed/demo-id.js';

/** Sends raw bytes to a listening server and returns the raw HTTP answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk.toString('utf8'); });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => { socket.destroy(); resolve(answer); });
  });
}

function problemOf(raw: string): { status: number; contentType: string; body: Record<string, any> } {
  const [head, body] = raw.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
  return { status, contentType, body: JSON.parse(body) };
}

it('the JSON pre-scan counts nesting outside strings and finds escaped NUL', () => {
  expect(scanJson('{"a":[1,{"b":"[[[[["}]}', 3)).toBeUndefined();
  expect(scanJson('[[[[1]]]]', 3)).toBe('too_deep');
  expect(scanJson('{"q":"a\\u0000b"}')).toBe('nul');
  expect(scanJson('{"q":"a\\\\u0000b"}')).toBeUndefined(); // an escaped backslash, then plain text
  expect(scanJson('{"q":"say \\"[[[[\\""}', 1)).toBeUndefined();
});

describeEachBackend('no 500 on ordinary hostile input', (use) => {
  let app: FastifyInstance;
  let operator: string;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    operator = await signInAs(app, 'operator@mercato.test');
  });
  afterAll(async () => { await app.close(); });

  it('refuses JSON nested 20,000 deep before parsing, on the public card-sandbox notification too', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    for (const url of ['/v1/payments/notifications/card_sandbox', '/v1/sessions']) {
      const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `{"a":${deep}}` });
      expectProblem(response, 400, 'http.nested_too_deep');
    }
  });

  it('refuses a NUL byte in the search text and in a JSON body as 400', async () => {
    expectProblem(await app.inject({ url: '/v1/search?q=caf%00e' }), 400, 'http.validation');
    const response = await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '{"email":"a\\u0000@b.c","password":"xxxxxxxxxxxx"}' });
    expectProblem(response, 400, 'http.validation');
  });

  it('refuses prices far beyond any real amount as 400', async () => {
    for (const price of ['9223372036854775808', '1e308', '1e30']) {
      const response = await app.inject({ url: `/v1/search?currency=EUR&max_price=${price}` });
      expect(response.statusCode, `${price}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses a retail price of 1e30 or 2^63 as 400 (money fields state a maximum)', async () => {
    const merchant = await signInAs(app, 'aurelia@mercato.test');
    const url = `/v1/merchants/${demoId('merchant:casa-aurelia')}/skus/${demoId('sku:none')}/retail-prices/EUR`;
    for (const amount of ['1e30', '9223372036854775808', '1000000000001']) {
      const response = await app.inject({ method: 'PUT', url, headers: { ...auth(merchant), 'content-type': 'application/json' }, payload: `{"amountMinor":${amount}}` });
      expectProblem(response, 400, 'http.validation');
    }
  });

  it('answers a well-formed unknown foreign key with a 4xx problem, not a 500', async () => {
    const response = await app.inject({
      method: 'POST', url: '/v1/brands', headers: auth(operator),
      payload: { name: 'Nowhere', slug: 'nowhere-brand', trademarkNumber: 'EU0000001', trademarkOffice: 'EUIPO', trademarkClasses: [25], trademarkExpiresOn: '2030-01-01', ownerMerchantId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(expectProblem(response, 422, 'http.reference_not_found').errors).toEqual([{ field: '/ownerMerchantId', message: 'is not a known merchant' }]);
    // Where no service checks first, the database's foreign key answers the same problem type.
    const list = await app.inject({
      method: 'POST', url: '/v1/merchants/00000000-0000-4000-8000-000000000000/price-lists', headers: auth(operator),
      payload: { code: 'zzz-list', name: 'Nobody\'s list', kind: 'retail', currency: 'EUR' },
    });
    expectProblem(list, 422, 'http.reference_not_found');
  });

  it('answers Fastify\'s own refusals as problem+json: bad URL encoding, bad JSON, media type, body size', async () => {
    expectProblem(await app.inject({ url: '/v1/products/%E0%A4%A' }), 400, 'http.bad_request');
    expectProblem(await app.inject({ url: `/v1/products/${'a'.repeat(300)}` }), 414, 'http.uri_too_long');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '{"email":' }), 400, 'http.malformed_json');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'text/xml' }, payload: '<a/>' }), 415, 'http.unsupported_media_type');
    const big = JSON.stringify({ email: 'x'.repeat(70 * 1024) });
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: big }), 413, 'http.body_too_large');
  });

  it('answers headers or a URL too large for the HTTP parser with problem+json on a real socket', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const longUrl = await rawRequest(port, `GET /v1/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const headers = await rawRequest(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    const garbage = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n');
    for (const [raw, status] of [[longUrl, 431], [headers, 431], [garbage, 400]] as const) {
      const answer = problemOf(raw);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.type).toMatch(/^\/problems\/http\./);
    }
  });
});
