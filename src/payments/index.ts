/**
 * What other domains may use from payments. Every function takes the caller's transaction first,
 * so a checkout or till sale pays, reserves and records its events in one commit.
 */
export { payFromWallet, creditWallet, walletBalance, listWallets, type WalletPayment, type Wallet } from './service/wallet.js';
export {
  createPaymentIntent, authorisePaymentIntent, chargeCardPresent, capturePaymentIntent, cancelPaymentIntent, refundPaymentIntent,
  type NewPaymentIntent, type NextAction,
} from './service/intents.js';
export { getPaymentIntent, orderPaymentIntents, type OrderFacts, type PaymentIntent } from './service/intent-rows.js';
export { recordOrderSettlement, settleOrderLines, runSettlement, type SettlementLine, type SettlementPosting, type SettlementRun } from './service/settlement.js';
export { convert, quoteConversion, type Conversion } from './service/fx.js';
export { verifyMemberCode } from './service/member-code.js';
export { checkLedger, moneyPerOrder, settledPerOrderLine, type LedgerReport, type LedgerViolation, type OrderMoney } from './service/check.js';
export { providerSettingsFromEnv } from './providers/settings.js';
export type { ProviderSettings } from './providers/types.js';
export { listFxRates, type FxRate } from './service/fx.js';
export { convertMinor, currencyExponent } from './model.js';
export { isSupportedCurrency, maxTopUpMinor, SUPPORTED_CURRENCIES } from './model.js';
