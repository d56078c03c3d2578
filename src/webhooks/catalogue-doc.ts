import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPICS, envelopeSchema } from './catalogue.js';

export const EVENTS_DOC = fileURLToPath(new URL('../../docs/events.md', import.meta.url));

/** docs/events.md, generated from the catalogue so that the two cannot drift apart. */
export function renderEventCatalogue(): string {
  const out: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated from src/webhooks/catalogue.ts by `npm run docs:events`; do not edit by hand. -->',
    '',
    'Topics an integrator may subscribe to with a webhook (see [webhooks.md](webhooks.md)). Each delivery body is an',
    'envelope `{ id, type, version, createdAt, merchantId, data: { object, change } }`: `id` is the event id (the same on',
    'every retry and replay: dedupe on it), `data.object` is the resource as the API returns it to the subscriber (a',
    'merchant\'s subscription sees only that merchant\'s order lines), `data.change` is what happened.',
    '',
    'A new field may appear in a payload without a new version; a field that changes meaning or disappears gets a new',
    'version, and both versions are listed while subscribers move over.',
    '',
    '| topic | version | when |',
    '| --- | --- | --- |',
    ...TOPICS.map((t) => `| \`${t.topic}\` | ${t.version} | ${t.description.replaceAll('|', '\\|')} |`),
    '',
  ];
  const schemas = new Map<string, string>();
  for (const t of TOPICS) {
    const { $id: _id, ...schema } = envelopeSchema(t) as Record<string, unknown>;
    const body = JSON.stringify({ ...schema, properties: { ...(schema.properties as object), type: { const: '…' } } }, null, 2);
    const list = schemas.get(body);
    schemas.set(body, list ? `${list}, \`${t.topic}\` v${t.version}` : `\`${t.topic}\` v${t.version}`);
  }
  out.push('## Payload schemas', '');
  for (const [body, topics] of schemas) {
    out.push(`JSON schema of ${topics} (\`type\` is the topic):`, '', '```json', body, '```', '');
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(EVENTS_DOC, renderEventCatalogue());
  console.log(`wrote ${EVENTS_DOC}`);
}
