import { randomBytes } from 'node:crypto';
import { DEFAULT_SECRET } from '../../config.js';
import type { ProviderSettings } from './types.js';

let processSandboxSecret: string | undefined;

/**
 * The card sandbox never signs with the public default secret (anyone could forge its
 * notifications and mark an order paid): with the default, it uses a random secret of this
 * process and warns loudly once. Notifications are then only accepted by the process that
 * queued them; set MERCATO_SECRET for several processes.
 */
function sandboxSecretFor(secret: string): string {
  if (secret !== DEFAULT_SECRET) return secret;
  if (!processSandboxSecret) {
    processSandboxSecret = randomBytes(32).toString('base64url');
    process.emitWarning('MERCATO_SECRET is not set: the card sandbox signs with a random secret of this process. Set MERCATO_SECRET (and MERCATO_CARD_SANDBOX=off in production).', { code: 'MERCATO_DEFAULT_SECRET' });
  }
  return processSandboxSecret;
}

/**
 * Provider settings from the environment:
 *   MERCATO_ALIPAY_APP_ID, MERCATO_ALIPAY_PRIVATE_KEY (our key, PEM), MERCATO_ALIPAY_PUBLIC_KEY
 *   (the provider's key, PEM), MERCATO_ALIPAY_GATEWAY, MERCATO_PUBLIC_URL (for notify_url).
 * The sandbox signs with a key derived from the platform secret (a random one of this process when
 * MERCATO_SECRET keeps its public default); MERCATO_CARD_SANDBOX=off turns it off (a production
 * deployment should). Alipay is off until its keys are set.
 */
export function providerSettingsFromEnv(secret: string, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const pem = (value: string | undefined) => value?.replace(/\\n/g, '\n');
  const appId = env.MERCATO_ALIPAY_APP_ID;
  const privateKeyPem = pem(env.MERCATO_ALIPAY_PRIVATE_KEY);
  const alipayPublicKeyPem = pem(env.MERCATO_ALIPAY_PUBLIC_KEY);
  const publicUrl = (env.MERCATO_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  return {
    sandboxSecret: env.MERCATO_CARD_SANDBOX === 'off' ? null : sandboxSecretFor(secret),
    alipay: appId && privateKeyPem && alipayPublicKeyPem
      ? { appId, privateKeyPem, alipayPublicKeyPem, gateway: env.MERCATO_ALIPAY_GATEWAY ?? 'https://openapi.alipay.com/gateway.do', notifyUrl: `${publicUrl}/v1/payments/notifications/alipay` }
      : null,
  };
}
