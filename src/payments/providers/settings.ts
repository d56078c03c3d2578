import type { ProviderSettings } from './types.js';

/**
 * Provider settings from the environment:
 *   MERCATO_ALIPAY_APP_ID, MERCATO_ALIPAY_PRIVATE_KEY (our key, PEM), MERCATO_ALIPAY_PUBLIC_KEY
 *   (the provider's key, PEM), MERCATO_ALIPAY_GATEWAY, MERCATO_PUBLIC_URL (for notify_url).
 * The sandbox signs with a key derived from the platform secret; MERCATO_CARD_SANDBOX=off turns
 * it off (a production deployment should). Alipay is off until its keys are set.
 */
export function providerSettingsFromEnv(secret: string, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const pem = (value: string | undefined) => value?.replace(/\\n/g, '\n');
  const appId = env.MERCATO_ALIPAY_APP_ID;
  const privateKeyPem = pem(env.MERCATO_ALIPAY_PRIVATE_KEY);
  const alipayPublicKeyPem = pem(env.MERCATO_ALIPAY_PUBLIC_KEY);
  const publicUrl = (env.MERCATO_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  return {
    sandboxSecret: env.MERCATO_CARD_SANDBOX === 'off' ? null : secret,
    alipay: appId && privateKeyPem && alipayPublicKeyPem
      ? { appId, privateKeyPem, alipayPublicKeyPem, gateway: env.MERCATO_ALIPAY_GATEWAY ?? 'https://openapi.alipay.com/gateway.do', notifyUrl: `${publicUrl}/v1/payments/notifications/alipay` }
      : null,
  };
}
