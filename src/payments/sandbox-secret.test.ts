import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { DEFAULT_SECRET, loadConfig } from '../config.js';
import { sandboxSignature, SANDBOX_SIGNATURE_HEADER } from './providers/card-sandbox.js';
import { providerSettingsFromEnv } from './providers/settings.js';

describeEachBackend('card sandbox with the default MERCATO_SECRET', (use) => {
  let app: FastifyInstance;
  let wei: string;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    wei = await signInAs(app, 'wei@mercato.test');
  });
  afterAll(() => app.close());

  it('signs with a random secret of this process, never the public default', () => {
    expect(loadConfig({}).secret).toBe(DEFAULT_SECRET);
    const settings = providerSettingsFromEnv(DEFAULT_SECRET, {});
    expect(settings.sandboxSecret).not.toBe(DEFAULT_SECRET);
    expect(settings.sandboxSecret).toHaveLength(43);
    expect(providerSettingsFromEnv(DEFAULT_SECRET, {}).sandboxSecret).toBe(settings.sandboxSecret); // stable within the process
    expect(providerSettingsFromEnv('a configured secret', {}).sandboxSecret).toBe('a configured secret');
  });

  it('refuses a notification forged with the public default secret, and the intent does not move', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(wei), payload: { amountMinor: 50_000, currency: 'CNY', provider: 'card_sandbox', cardNumber: '4000000000003220' } });
    expect(created.statusCode).toBe(201);
    const intent = created.json().intent;
    const body = { id: 'evt_forged_default', intentId: intent.id, type: 'authorised', amountMinor: 50_000, currency: 'CNY', providerReference: intent.providerReference };
    const forged = await app.inject({ method: 'POST', url: '/v1/payments/notifications/card_sandbox', headers: { [SANDBOX_SIGNATURE_HEADER]: sandboxSignature(DEFAULT_SECRET, body) }, payload: body });
    expectProblem(forged, 400, 'payments.bad_signature');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = (await app.inject({ url: `/v1/payment-intents/${intent.id}`, headers: auth(wei) })).json();
    expect(after.status).not.toBe('captured');
    expect(after.capturedMinor).toBe(0);
  });
});
