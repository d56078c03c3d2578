import fc from 'fast-check';

/** A JSON schema as the OpenAPI document states it (TypeBox output, with $refs to components). */
export type Schema = Record<string, any>;

/** What the generators draw real values from, so that requests reach past "not found". */
export interface Pools {
  /** Ids of rows that exist (merchants, locations, SKUs, carts, orders…). */
  ids: string[];
  /** The same, by table, so that `cartId` gets a cart's id more often than not. */
  idsByTable: Record<string, string[]>;
  /** Real barcodes of SKUs. */
  barcodes: string[];
  /** Components of the OpenAPI document, for $ref. */
  components: Record<string, Schema>;
}

/** Values that break careless code: out-of-range numbers, NUL, huge or empty text, wrong types. */
const HOSTILE: unknown[] = [
  null, '', ' ', 'x'.repeat(5000), 'a\u0000b', '\u0000', -1, 0, 2 ** 63, -(2 ** 63), 2 ** 31, 1e308, -1e308, 1e30, 1.5, -0.000001,
  true, false, [], {}, [[[[[]]]]], { nested: { deeper: [1, { x: null }] } }, "' or 1=1 --", '../../etc/passwd', '%00', '%',
  '😀'.repeat(300), '9223372036854775808', '1e308', 'NaN', '-Infinity', '2027-13-45T99:99:99Z', '0000-00-00', '00000000-0000-0000-0000-000000000000',
  '<script>alert(1)</script>', '\uD800', 'Ω≈ç√∫˜µ≤≥÷', '\r\nX-Injected: 1',
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function resolve(schema: Schema, pools: Pools): Schema {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return pools.components[name] ?? {};
  }
  return schema;
}

function bounded(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

/** `cartId` → carts, `orderLineId` → order_lines, `categoryId` → categories. */
export function tableFor(field: string | undefined, tables: string[]): string | undefined {
  if (!field || !/Ids?$/.test(field)) return undefined;
  const stem = field.replace(/Ids?$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const candidates = [`${stem}s`, stem.replace(/y$/, 'ies'), `${stem}es`, stem];
  return candidates.find((c) => tables.includes(c)) ?? tables.find((t) => t.endsWith(`_${stem}s`) || t.endsWith(`${stem}s`));
}

function stringOf(schema: Schema, pools: Pools, field?: string): fc.Arbitrary<string> {
  const maxLength = Math.min(bounded(schema.maxLength, 40), 60);
  const minLength = Math.min(bounded(schema.minLength, 0), maxLength);
  switch (schema.format) {
    case 'uuid': {
      const table = tableFor(field, Object.keys(pools.idsByTable));
      const own = table ? pools.idsByTable[table] : [];
      return fc.oneof(
        { weight: own.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(own.length > 0 ? own : pools.ids)) },
        { weight: 2, arbitrary: fc.constantFrom(...pools.ids) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    }
    case 'date-time': return fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date': return fc.date({ min: new Date('2024-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email': return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    case 'uri': return fc.webUrl().filter((u) => u.length <= (schema.maxLength ?? 2000));
  }
  if (typeof schema.pattern === 'string') {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= bounded(schema.maxLength, 500));
    const known = schema.pattern === '^[A-Z]{3}$' ? ['EUR', 'CNY', 'USD', 'GBP', 'ZZZ']
      : schema.pattern === '^[A-Z]{2}$' ? ['ES', 'IT', 'CN', 'FR']
        : schema.pattern === '^[0-9]{13}$' ? pools.barcodes : [];
    return known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: matching }) : matching;
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.constantFrom('tea', 'bolso', 'sciarpa', '茶', 'Madrid', 'demo', 'long enough password 42').filter((s) => s.length >= minLength && s.length <= maxLength),
  );
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = bounded(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : undefined), -1_000_000);
  const max = bounded(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : undefined), 1_000_000);
  if (integer) {
    const lo = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    const hi = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(lo, hi) }, { weight: 4, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 100_000) }) }, { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) });
  }
  return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/**
 * An arbitrary for values of `schema`: valid ones, and with probability `hostility` per field,
 * a hostile value instead (or, for objects, a missing required field or an unknown one).
 */
export function arbitraryFor(input: Schema, pools: Pools, hostility: number, depth = 0, field?: string): fc.Arbitrary<unknown> {
  const valid = validOf(resolve(input, pools), pools, hostility, depth, field);
  if (hostility <= 0) return valid;
  const weight = Math.max(1, Math.round(hostility * 100));
  return fc.oneof({ weight: 100 - weight, arbitrary: valid }, { weight, arbitrary: hostileValue });
}

function validOf(schema: Schema, pools: Pools, hostility: number, depth: number, field?: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => arbitraryFor(s, pools, hostility, depth, field)));
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return arbitraryFor(schema.allOf[0], pools, hostility, depth, field);
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validOf({ ...schema, type }, pools, hostility, depth, field)));
  switch (types[0]) {
    case 'string': return stringOf(schema, pools, field);
    case 'integer': return numberOf(schema, true);
    case 'number': return numberOf(schema, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const minLength = bounded(schema.minItems, 0);
      const maxLength = Math.max(minLength, Math.min(bounded(schema.maxItems, 4), 4));
      return fc.array(arbitraryFor(schema.items ?? {}, pools, hostility, depth + 1, field?.replace(/s$/, '')), { minLength, maxLength });
    }
    case 'object': return objectOf(schema, pools, hostility, depth);
  }
  if (schema.properties) return objectOf(schema, pools, hostility, depth);
  return fc.jsonValue({ maxDepth: 2 });
}

function objectOf(schema: Schema, pools: Pools, hostility: number, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  if (Object.keys(properties).length === 0) {
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && depth < 4) {
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFor(schema.additionalProperties, pools, hostility, depth + 1), { maxKeys: 4 });
    }
    return fc.constant({});
  }
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, arbitraryFor(s, pools, hostility, depth + 1, name)])),
    { requiredKeys: required },
  ) as fc.Arbitrary<Record<string, unknown>>;
  if (hostility <= 0) return record;
  // Sometimes a required field missing, sometimes a field nobody declared.
  return fc.tuple(record, fc.integer({ min: 0, max: 19 }), fc.constantFrom(...(required.length > 0 ? required : ['']))).map(([value, dice, victim]) => {
    if (dice === 0 && victim) {
      const { [victim]: _dropped, ...rest } = value;
      return rest;
    }
    if (dice === 1) return { ...value, undeclaredField: 'surprise' };
    return value;
  });
}
