import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { alipaySignContent, alipayTradeRequest, readAlipayNotification, rsa2Sign, rsa2Verify, signAlipayNotification, verifyAlipayNotification, type AlipaySettings } from './alipay.js';

const keyOptions = { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;
const app = generateKeyPairSync('rsa', keyOptions);
const provider = generateKeyPairSync('rsa', keyOptions);
const settings: AlipaySettings = { appId: '2021000000000001', privateKeyPem: app.privateKey, alipayPublicKeyPem: provider.publicKey, gateway: 'https://gateway.example/gateway.do', notifyUrl: 'https://shop.example/v1/payments/notifications/alipay' };

describe('Alipay RSA2 sign content', () => {
  it.each<{ what: string; params: Record<string, string>; exclude: string[] | undefined; expected: string }>([
    { what: 'sorts by name and joins raw values', params: { b: '2', a: '1', c: 'x y&z' }, exclude: undefined, expected: 'a=1&b=2&c=x y&z' },
    { what: 'leaves out empty values and sign', params: { a: '1', empty: '', sign: 'abc', sign_type: 'RSA2' }, exclude: undefined, expected: 'a=1&sign_type=RSA2' },
    { what: 'leaves out sign_type too for notifications', params: { a: '1', sign: 'abc', sign_type: 'RSA2' }, exclude: ['sign', 'sign_type'], expected: 'a=1' },
    { what: 'sorts by code point (upper case first), not by locale', params: { b: '1', B: '2', a_b: '3', ab: '4' }, exclude: undefined, expected: 'B=2&a_b=3&ab=4&b=1' },
  ])('$what', ({ params, exclude, expected }) => {
    expect(alipaySignContent(params, exclude)).toBe(expected);
  });
});

describe('RSA2 in both directions with a key pair made here', () => {
  it('signs our request so that the provider verifies it with our public key, and not once tampered', () => {
    const params = alipayTradeRequest(settings, { id: '0b6f9c52-2d4e-4d0e-9f4e-1f2f3a4b5c6d', amountMinor: 88_800, currency: 'CNY' }, new Date('2026-11-11T00:00:00Z'));
    expect(params.timestamp).toBe('2026-11-11 08:00:00');
    expect(JSON.parse(params.biz_content)).toMatchObject({ total_amount: '888.00', out_trade_no: '0b6f9c52-2d4e-4d0e-9f4e-1f2f3a4b5c6d' });
    expect(rsa2Verify(alipaySignContent(params), params.sign, app.publicKey)).toBe(true);
    expect(rsa2Verify(alipaySignContent({ ...params, notify_url: 'https://evil.example/' }), params.sign, app.publicKey)).toBe(false);
    expect(rsa2Verify(alipaySignContent(params), params.sign, provider.publicKey)).toBe(false);
  });

  it('verifies the provider\'s notification with its public key, and refuses tampered, foreign or unsigned ones', () => {
    const notification = signAlipayNotification({ notify_id: 'n1', app_id: settings.appId, out_trade_no: 'x', trade_status: 'TRADE_SUCCESS', total_amount: '888.00' }, provider.privateKey);
    expect(verifyAlipayNotification(settings, notification)).toBe(true);
    expect(verifyAlipayNotification(settings, { ...notification, total_amount: '1.00' })).toBe(false);
    expect(verifyAlipayNotification(settings, { ...notification, extra: 'added later' })).toBe(false);
    expect(verifyAlipayNotification(settings, signAlipayNotification({ ...notification }, app.privateKey))).toBe(false);
    expect(verifyAlipayNotification(settings, { ...notification, sign: '' })).toBe(false);
    expect(verifyAlipayNotification(settings, { ...notification, sign_type: 'RSA' })).toBe(false);
    const otherApp = signAlipayNotification({ ...notification, app_id: '2021999999999999' }, provider.privateKey);
    expect(verifyAlipayNotification(settings, otherApp)).toBe(false);
    expect(rsa2Verify('a=1', 'not base64 at all', provider.publicKey)).toBe(false);
    expect(rsa2Verify('a=1', rsa2Sign('a=1', provider.privateKey), 'not a key')).toBe(false);
  });

  it('reads trade statuses into provider events and refuses an unknown one', () => {
    expect(readAlipayNotification({ notify_id: 'n', out_trade_no: 'i', trade_status: 'TRADE_SUCCESS', total_amount: '1.00', trade_no: 't' }))
      .toEqual({ notificationId: 'n', intentId: 'i', providerReference: 't', outcome: 'paid', amountDecimal: '1.00' });
    expect(readAlipayNotification({ notify_id: 'n', out_trade_no: 'i', trade_status: 'TRADE_CLOSED' }).outcome).toBe('closed');
    expect(() => readAlipayNotification({ notify_id: 'n', out_trade_no: 'i', trade_status: 'TRADE_MAYBE' })).toThrow(/known trade_status/);
  });
});
