export { recordEvent, dispatchPending, type DomainEvent, type InDispatch } from './service.js';
export { inProcessBus, natsBus, type EventBus } from './bus.js';
export { startDispatcher } from './dispatcher.js';
