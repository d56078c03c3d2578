import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-id.js';
import { hostileValue, arbitraryFor, type Pools, type Schema } from './arbitraries.js';

/**
 * Requests generated from the app's own OpenAPI document: for every operation, values for every
 * path, query and body field drawn from its JSON schema (valid ones, and hostile ones), sent with
 * every role's token. A request passes when the answer is not a 5xx, and every error answer is
 * application/problem+json with a `type`.
 */

export interface Operation { method: string; path: string; parameters: Array<{ in: string; name: string; required?: boolean; schema: Schema }>; body?: Schema }

export interface FuzzRequest {
  op: Operation;
  role: Role;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  hasBody: boolean;
  idempotencyKey?: string;
}

export interface Finding { request: string; status: number; contentType: string; body: string }

export type Role = 'anonymous' | 'shopper' | 'merchant' | 'associate' | 'operator';
const ROLE_ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  shopper: 'carmen@mercato.test', merchant: 'aurelia@mercato.test', associate: 'associate.sol@mercato.test', operator: 'operator@mercato.test',
};

export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  return ops;
}

/** Ids and barcodes of rows that exist, so generated requests reach real resources. */
export async function poolsFrom(database: Database, doc: any): Promise<Pools> {
  const { rows: tables } = await database.db.execute(sql`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'id' and data_type = 'uuid' order by table_name`);
  const ids: string[] = [];
  const idsByTable: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const { rows } = await database.db.execute(sql`select id::text as id from ${sql.identifier(String(table_name))} order by id limit 6`);
    idsByTable[String(table_name)] = rows.map((r) => String(r.id));
    ids.push(...idsByTable[String(table_name)]);
  }
  const { rows: barcodes } = await database.db.execute(sql`select barcode from skus where barcode is not null limit 20`);
  return { ids: ids.length > 0 ? ids : ['00000000-0000-4000-8000-000000000000'], idsByTable, barcodes: barcodes.map((r) => String(r.barcode)), components: doc.components?.schemas ?? {} };
}

export function requestArbitrary(ops: Operation[], pools: Pools): fc.Arbitrary<FuzzRequest> {
  const perOp = ops.map((op) => {
    const byHostility = (hostility: number) => {
      const params = fc.record(Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, arbitraryFor(p.schema, pools, hostility, 0, p.name)])));
      const queryParams = op.parameters.filter((p) => p.in === 'query');
      const query = fc.record(
        Object.fromEntries(queryParams.map((p) => [p.name, arbitraryFor(p.schema, pools, hostility, 0, p.name)])),
        { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
      );
      const body = op.body ? fc.oneof({ weight: 12, arbitrary: arbitraryFor(op.body, pools, hostility) }, { weight: hostility > 0 ? 1 : 0, arbitrary: hostileValue }) : fc.constant(undefined);
      return fc.record({
        op: fc.constant(op),
        role: fc.constantFrom<Role>('anonymous', 'shopper', 'merchant', 'associate', 'operator'),
        params, query, body,
        hasBody: fc.constant(op.body !== undefined),
        idempotencyKey: fc.option(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { nil: undefined, freq: 3 }),
      });
    };
    return fc.oneof({ weight: 3, arbitrary: byHostility(0) }, { weight: 2, arbitrary: byHostility(0.15) });
  });
  return fc.oneof(...perOp);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** Percent-encodes like a client would; a lone surrogate (not encodable) becomes U+FFFD, as URLSearchParams does. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

export function urlOf(request: FuzzRequest): string {
  const path = request.op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeSegment(text(request.params[name])) || 'x');
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(name, text(v));
    else search.append(name, text(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function describeRequest(request: FuzzRequest): string {
  const body = request.hasBody ? ` body=${(JSON.stringify(request.body) ?? 'undefined').slice(0, 300)}` : '';
  return `${request.role} ${request.op.method} ${urlOf(request).slice(0, 300)}${body}`;
}

/** Signs every role in (again when a generated request signed one out). */
let signIns = 0;
export async function tokensFor(app: FastifyInstance, previous?: Record<Role, string | undefined>): Promise<Record<Role, string | undefined>> {
  const tokens: Record<Role, string | undefined> = { anonymous: undefined, shopper: undefined, merchant: undefined, associate: undefined, operator: undefined };
  // From an address of its own each time: the generated requests' failed sign-ins throttle theirs.
  const remoteAddress = `10.77.${Math.floor(++signIns / 250) % 250}.${signIns % 250}`;
  for (const [role, email] of Object.entries(ROLE_ACCOUNTS)) {
    const response = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: DEMO_PASSWORD }, remoteAddress });
    if (response.statusCode === 201) tokens[role as Role] = response.json().token;
    // Generated wrong passwords may have throttled the account for a while: keep its last session.
    else if (previous?.[role as Role]) tokens[role as Role] = previous[role as Role];
    else throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  }
  return tokens;
}

/** What is wrong with an answer, or undefined when it is fine. */
export function judge(status: number, contentType: string, body: string): string | undefined {
  if (status >= 500) return `status ${status}`;
  if (status >= 400) {
    if (!contentType.startsWith('application/problem+json')) return `error answered as ${contentType || 'no content type'}`;
    try {
      const problem = JSON.parse(body);
      if (typeof problem.type !== 'string' || problem.type.length === 0) return 'problem without a type';
    } catch {
      return 'problem body is not JSON';
    }
  }
  return undefined;
}

export interface FuzzResult { sent: number; byStatus: Record<string, number>; findings: Finding[]; ms: number }

/** Sends `count` generated requests, one after another, and collects every bad answer. */
export async function fuzz(app: FastifyInstance, database: Database, options: { count: number; seed: number; onProgress?: (done: number) => void }): Promise<FuzzResult> {
  const doc = (await app.inject('/openapi.json')).json();
  const ops = operationsOf(doc);
  const pools = await poolsFrom(database, doc);
  const requests = fc.sample(requestArbitrary(ops, pools), { numRuns: options.count, seed: options.seed });
  let tokens = await tokensFor(app);
  // Roles a route accepted so far: most requests go to one of them, so they get past the guard.
  const accepted = new Map<string, Role[]>();
  const dice = fc.sample(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat()), { numRuns: options.count, seed: options.seed + 1 });
  const findings: Finding[] = [];
  const byStatus: Record<string, number> = {};
  const started = Date.now();
  for (const [i, request] of requests.entries()) {
    // A generated sign-out or password change may end a session: sign in afresh now and then.
    if (i > 0 && i % 250 === 0) tokens = await tokensFor(app, tokens);
    const opKey = `${request.op.method} ${request.op.path}`;
    const known = accepted.get(opKey) ?? [];
    const [roll, pick] = dice[i];
    const role = known.length > 0 && roll < 7 ? known[pick % known.length] : request.role;
    request.role = role;
    const token = tokens[role];
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (request.idempotencyKey && request.op.method === 'POST') headers['idempotency-key'] = request.idempotencyKey;
    const payload = request.hasBody && request.body !== undefined ? JSON.stringify(request.body) : undefined;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await app.inject({ method: request.op.method as any, url: urlOf(request), headers, payload });
    const contentType = String(response.headers['content-type'] ?? '');
    byStatus[response.statusCode] = (byStatus[response.statusCode] ?? 0) + 1;
    if (response.statusCode !== 401 && response.statusCode !== 403 && !known.includes(role)) accepted.set(opKey, [...known, role]);
    // A generated sign-out ended this role's session: sign in again at once.
    if (response.statusCode === 401 && role !== 'anonymous' && response.body.includes('identity.session_invalid')) tokens = await tokensFor(app, tokens);
    const wrong = judge(response.statusCode, contentType, response.body);
    if (wrong) findings.push({ request: `${wrong}: ${describeRequest(request)}`, status: response.statusCode, contentType, body: response.body.slice(0, 400) });
    options.onProgress?.(i + 1);
  }
  return { sent: requests.length, byStatus, findings, ms: Date.now() - started };
}

/** Request fields of numeric type without a stated range (every one must have a minimum and a maximum). */
export function unboundedNumbers(doc: any): string[] {
  const found: string[] = [];
  const walk = (schema: Schema | undefined, where: string) => {
    if (!schema || typeof schema !== 'object' || schema.$ref) return;
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes('integer') || types.includes('number')) {
      const hasMin = schema.minimum !== undefined || schema.exclusiveMinimum !== undefined;
      const hasMax = schema.maximum !== undefined || schema.exclusiveMaximum !== undefined;
      if (!hasMin || !hasMax) found.push(where);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const s of schema[key] ?? []) walk(s, where);
    for (const [name, s] of Object.entries<Schema>(schema.properties ?? {})) walk(s, `${where}.${name}`);
    if (schema.items && typeof schema.items === 'object') walk(schema.items, `${where}[]`);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}{}`);
  };
  for (const op of operationsOf(doc)) {
    for (const p of op.parameters) walk(p.schema, `${op.method} ${op.path} ${p.in}:${p.name}`);
    walk(op.body, `${op.method} ${op.path} body`);
  }
  return found;
}
