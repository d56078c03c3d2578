import type { AlipaySettings } from './alipay.js';

/**
 * A provider's notification, read and verified, in the terms the intent state machine applies.
 * `paid` is authorised and captured at once (Alipay trades); `finished` and `pending` change nothing.
 */
export interface ProviderEvent {
  notificationId: string;
  intentId: string;
  providerReference?: string | null;
  outcome: 'pending' | 'requires_action' | 'authorised' | 'declined' | 'paid' | 'finished' | 'closed';
  declineCode?: string;
  /** Amount as the provider states it: minor units, or a decimal string in the intent's currency. */
  amountMinor?: number;
  amountDecimal?: string;
  currency?: string;
}

/** Configuration of the providers: the sandbox's signing secret (null: sandbox off), and the Alipay keys when configured. */
export interface ProviderSettings {
  sandboxSecret: string | null;
  alipay: AlipaySettings | null;
}
