import type { FastifyInstance } from 'fastify';
import { DomainError } from './problem.js';

/** Deeper than any body this API defines (the deepest is about 5); far below what overflows the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * What a raw JSON text must not contain, found in one pass before it is parsed: nesting deeper
 * than `maxDepth` (JSON.parse and the validator recurse, so 50,000 brackets would overflow
 * the stack), and the escaped NUL character (PostgreSQL text cannot hold it). Brackets inside
 * strings do not count. Returns the problem, or undefined when the text may be parsed.
 */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): 'too_deep' | 'nul' | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */ && text.startsWith('0000', i + 2)) return 'nul';
        i++;
      } else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return 'too_deep';
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return undefined;
}

/**
 * The one JSON body parser of every route (the card-sandbox notification included): the
 * pre-scan above, then Fastify's own parser (which refuses `__proto__` and `constructor`).
 * Also refuses a percent-encoded NUL anywhere in the URL, before routing decodes it.
 */
export function installJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const refused = scanJson(text);
    if (refused === 'too_deep') return done(new DomainError('http.nested_too_deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`), undefined);
    if (refused === 'nul') return done(new DomainError('http.validation', 'Text may not contain the NUL character (\\u0000)', {}, [{ field: '/', message: 'contains \\u0000' }]), undefined);
    parse(request, text, done);
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) {
      throw new DomainError('http.validation', 'The URL may not contain the NUL character (%00)', {}, [{ field: 'querystring:/', message: 'contains %00' }]);
    }
  });
}
