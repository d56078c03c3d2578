export {
  reserve, reserveBatch, confirmReservation, releaseReservation, sweepExpiredReservations, getReservation,
  receiveStock, adjustStock, countStock, returnToStock, restockAtSource, writeOffShortPick, transferStock, recordManualMovement,
  availableToPromise, availableAt, listStock, listMovements,
  type Reservation, type ReserveOptions, type ReservationStatus, type StockMovement, type SkuAvailability, type LocationStock, type MovementInput,
} from './service.js';
export { ReservationCoalescer, type CoalescedRequest, type CoalescerOptions } from './coalescer.js';
export { startReservationSweeper } from './sweeper.js';
export { type ReserveLine, type MovementKind, MOVEMENT_KINDS } from './model.js';
export { inventoryProblems } from './errors.js';
export { checkStock, movementTotalsByReference, type StockViolation, type MovementTotal } from './check.js';
