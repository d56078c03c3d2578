export {
  createLocation, updateLocation, archiveLocation, listLocations, getLocation, nearbyLocations,
  getOpeningHours, setOpeningHours, pickupSlotAvailability, bookPickupSlot, releasePickupSlot, getPickupSlotBooking, deliveryRadiusMetres,
  type Location, type NewLocation, type LocationChanges, type NearbyQuery, type NearbyLocation, type OpeningHours,
  type PickupSlotAvailability, type PickupSlotBooking,
} from './service.js';
export {
  DEFAULT_DELIVERY_RADIUS_M, LOCATION_KINDS, distanceMetres, isActiveAt, isOpenAt, pickupSlotsForDate,
  type LocationKind, type Coordinate, type WeeklyHours, type HoursException,
} from './model.js';
export { locationProblems } from './errors.js';
export { checkPickupSlots, type SlotViolation } from './check.js';
