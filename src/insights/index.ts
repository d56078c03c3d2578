/** What other domains and the CLI may use from insights. */
export { insightsRoutes, insightsRuntime } from './routes.js';
export { applyOrderEvents, captureOrderEvents, ORDER_TOPICS, type BehaviourEvent } from './capture.js';
export { importOrderHistory, fileSize, type OrderImportReport, type RejectedHistoryRow } from './import.js';
export { trainRecommender, evaluateRecommender, recommendationsFor, boughtTogetherWith, modelCache } from './recs.js';
export { summary, breakdown, funnel, cohorts, rfm, topProducts, zeroResultSearches, type Scope } from './analytics.js';
export { offersForShopper, redeemOffer } from './offers.js';
export { syntheticHistory, csvLine, CSV_HEADER, type HistoryShape } from './synthetic.js';
