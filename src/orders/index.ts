// What other domains may use of orders (more moves here as callers are tidied up).
export { getOrder, type OrderView } from './service.js';
export { checkOrderRecords, orderFacts, type OrderViolation, type OrderFact, type OrderLineFact } from './check.js';
