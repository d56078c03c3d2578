import { createSign, createVerify } from 'node:crypto';
import { DomainError } from '../../http/problem.js';
import { minorToDecimal } from '../model.js';
import type { ProviderEvent } from './types.js';

/** Keys and addresses of the Alipay-style provider, from configuration (MERCATO_ALIPAY_*). */
export interface AlipaySettings {
  appId: string;
  /** Our application private key (PEM), signing requests. */
  privateKeyPem: string;
  /** The provider's public key (PEM), verifying its notifications. */
  alipayPublicKeyPem: string;
  gateway: string;
  notifyUrl: string;
}

export type AlipayParams = Record<string, string>;

/**
 * The string Alipay's open API signs: every parameter except `sign` (and, for notifications,
 * `sign_type`) with a non-empty value, sorted by name, joined as `name=value&…`, values raw
 * (not URL-encoded).
 */
export function alipaySignContent(params: AlipayParams, exclude: readonly string[] = ['sign']): string {
  return Object.keys(params)
    .filter((name) => !exclude.includes(name) && params[name] !== undefined && params[name] !== null && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/** RSA2: SHA256withRSA, base64. */
export function rsa2Sign(content: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

function timestampOf(at: Date): string {
  // Alipay's `timestamp` is wall time in China Standard Time (UTC+8), "yyyy-MM-dd HH:mm:ss".
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** A signed request, e.g. `alipay.trade.precreate`, as the client would send it to the gateway. */
export function signAlipayRequest(settings: AlipaySettings, method: string, bizContent: Record<string, unknown>, at: Date): AlipayParams {
  const params: AlipayParams = {
    app_id: settings.appId, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: timestampOf(at), version: '1.0',
    notify_url: settings.notifyUrl, biz_content: JSON.stringify(bizContent),
  };
  return { ...params, sign: rsa2Sign(alipaySignContent(params), settings.privateKeyPem) };
}

/** The request that starts paying an intent: a precreate (QR) trade for its amount. */
export function alipayTradeRequest(settings: AlipaySettings, intent: { id: string; amountMinor: number; currency: string }, at: Date): AlipayParams {
  return signAlipayRequest(settings, 'alipay.trade.precreate', {
    out_trade_no: intent.id, total_amount: minorToDecimal(intent.amountMinor, intent.currency), trans_currency: intent.currency, subject: `Mercato ${intent.id.slice(0, 8)}`,
  }, at);
}

/** Verifies a notification with the provider's public key: `sign` over the sorted parameters, without `sign` and `sign_type`. */
export function verifyAlipayNotification(settings: AlipaySettings, params: AlipayParams): boolean {
  if (typeof params.sign !== 'string' || params.sign_type !== 'RSA2') return false;
  if (params.app_id !== undefined && params.app_id !== settings.appId) return false;
  return rsa2Verify(alipaySignContent(params, ['sign', 'sign_type']), params.sign, settings.alipayPublicKeyPem);
}

/** What a provider would sign: used by tests and the demo to play the provider's side. */
export function signAlipayNotification(params: AlipayParams, providerPrivateKeyPem: string): AlipayParams {
  const unsigned = { ...params, sign_type: 'RSA2' };
  return { ...unsigned, sign: rsa2Sign(alipaySignContent(unsigned, ['sign', 'sign_type']), providerPrivateKeyPem) };
}

const TRADE_STATUS: Record<string, ProviderEvent['outcome']> = {
  WAIT_BUYER_PAY: 'pending',
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'finished',
  TRADE_CLOSED: 'closed',
};

/** Reads a verified notification into the provider-neutral event the intents apply. */
export function readAlipayNotification(params: AlipayParams): ProviderEvent {
  const outcome = TRADE_STATUS[params.trade_status ?? ''];
  if (!params.notify_id || !params.out_trade_no || !outcome) {
    throw new DomainError('payments.notification_invalid', 'An Alipay notification needs notify_id, out_trade_no and a known trade_status');
  }
  return {
    notificationId: params.notify_id,
    intentId: params.out_trade_no,
    providerReference: params.trade_no ?? null,
    outcome,
    amountDecimal: params.total_amount,
  };
}
