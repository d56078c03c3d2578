/** What other domains may use from identity: who the caller is, and the accounts behind them. */
export * from './model.js';
export {
  createAccount, getAccount, startSession, signIn, signUp, principalForToken, endSession, purgeExpiredSessions, createImportedShoppers,
  type Account, type IssuedSession,
} from './service.js';
