/** What other domains may use from the catalogue (orders call these inside their transaction). */
export {
  priceLines, purchasableSkus, skuByBarcode, skuDetails, type SkuDetails, getProduct, listedSql, setTakedown, listingOwner, refreshSearch,
  type PricedLine, type SkuAvailability, type NotPurchasableReason, type ProductView,
} from './service.js';
export { searchCatalog, warmSearchIndex, type SearchQuery, type SearchResult } from './search-service.js';
export { isValidEan13, ean13 } from './model.js';
export { ensureSkusByCode, skuFacts, skuLabels, categorySlugs, type SkuFacts, type SkuLabel } from './history.js';
