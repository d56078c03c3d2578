export { fanOutToWebhooks, deliveryCounts } from './service.js';
export { startWebhookWorker, deliverDue } from './worker.js';
export { DEFAULT_POLICY, type DeliveryPolicy } from './model.js';
export { signPayload, verifySignature, SIGNATURE_HEADER } from './signature.js';
export { TOPICS, topicDefinition, envelopeSchema } from './catalogue.js';
