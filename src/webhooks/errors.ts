import { registerProblems, type CodesOf } from '../http/problem.js';

export const webhookProblems = registerProblems({
  'webhooks.subscription_not_found': { status: 404, title: 'Webhook subscription not found' },
  'webhooks.delivery_not_found': { status: 404, title: 'Webhook delivery not found' },
  'webhooks.unknown_topic': { status: 400, title: 'Not a topic of the event catalogue' },
  'webhooks.url_not_allowed': { status: 400, title: 'The webhook URL is not allowed' },
  'webhooks.delivery_in_flight': { status: 409, title: 'The delivery is being attempted right now' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof webhookProblems> {}
}
