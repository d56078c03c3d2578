import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Builds the request validator, given to Fastify as `schemaController.compilersFactory`.
 * Two Ajv instances: bodies are checked strictly (no type coercion: `"5"` is not a number,
 * unknown fields are refused, every error is reported); query strings and path params are
 * text by nature, so they are coerced to the declared types.
 */
export function buildValidator(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<any> {
  const common = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strictAjv = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }));
  const coercingAjv = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }));
  for (const schema of Object.values(externalSchemas)) {
    strictAjv.addSchema(schema as object);
    coercingAjv.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema);
}
