/** What other domains may use from identity. */
export { createImportedShoppers, getAccount, type Account } from './service.js';
export { actsForMerchant, actsAtLocation, type Principal, type Role } from './model.js';
