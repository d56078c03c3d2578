import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { SerializerSelector, type SerializerCompiler, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/**
 * Builds the request validator, given to Fastify as `schemaController.compilersFactory`.
 * Two Ajv instances: bodies are checked strictly (no type coercion: `"5"` is not a number,
 * unknown fields are refused, every error is reported); query strings and path params are
 * text by nature, so they are coerced to the declared types.
 * Each schema is compiled on its route's first request rather than at start-up: compiling
 * every route's schemas up front was most of the server's start time.
 */
export function buildValidator(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<any> {
  const { strictAjv, coercingAjv } = ajvPair(externalSchemas);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
    let compiled: ValidateFunction | undefined;
    // Fastify reads `.errors` from the function it was given, after calling it.
    const validate = (data: unknown) => {
      compiled ??= ajv.compile(schema);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    };
    validate.errors = null as ValidateFunction['errors'];
    return validate;
  };
}

// Fastify asks for a validator once per plugin scope. Scopes share one pair of Ajv instances
// (adding the shared schemas each knows) instead of building a pair, with formats, per scope;
// a scope whose schema reuses an $id for another schema gets a pair of its own.
type AjvPair = { strictAjv: Ajv.default; coercingAjv: Ajv.default };
const ajvPairs: AjvPair[] = [];

function ajvPair(externalSchemas: Record<string, unknown>): AjvPair {
  const entries = Object.values(externalSchemas).map((schema) => [String((schema as { $id?: string }).$id ?? ''), schema] as const);
  const fits = (pair: AjvPair) => entries.every(([id, schema]) => !id || (pair.strictAjv.schemas[id]?.schema ?? schema) === schema);
  let pair = ajvPairs.find(fits);
  if (!pair) {
    const common = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
    pair = { strictAjv: addFormats.default(new Ajv.default({ ...common, coerceTypes: false })), coercingAjv: addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' })) };
    ajvPairs.push(pair);
  }
  for (const [id, schema] of entries) {
    if (id && pair.strictAjv.schemas[id]) continue;
    pair.strictAjv.addSchema(schema as object);
    pair.coercingAjv.addSchema(schema as object);
  }
  return pair;
}

/**
 * Fastify's own response serializer compiler (fast-json-stringify), given to Fastify as
 * `schemaController.compilersFactory.buildSerializer`, compiling each route's response schema
 * on its first response instead of at start-up, for the same reason as the validators.
 */
export function buildSerializer(externalSchemas?: unknown, options?: Parameters<SerializerFactory>[1]): SerializerCompiler {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc: unknown) => (serialize ??= compile(route))(doc);
  };
}
