import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { apiTypesSource, currentOpenApiDocument, DEFAULT_TYPES_FILE } from '../scripts/gen-api-types.js';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('the OpenAPI document', () => {
  let document: Json;
  let operations: Array<{ key: string; operation: Json }>;

  beforeAll(async () => {
    document = await currentOpenApiDocument();
    operations = Object.entries<Json>(document.paths).flatMap(([path, item]) =>
      Object.entries<Json>(item).filter(([method]) => METHODS.includes(method)).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));
  });

  it('passes the Redocly linter\'s recommended rules with no error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('describes every operation: unique operationId, tag, description, a success answer with a schema, errors as problem+json', () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const gaps: string[] = [];
    for (const { key, operation } of operations) {
      if (!/^[a-z][A-Za-z0-9]+$/.test(operation.operationId ?? '')) gaps.push(`${key}: operationId`);
      if (!operation.tags?.length) gaps.push(`${key}: tag`);
      if (!operation.description) gaps.push(`${key}: description`);
      const success = Object.entries<Json>(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) gaps.push(`${key}: success response`);
      for (const [status, response] of success) {
        if (status !== '204' && !Object.values<Json>(response.content ?? {}).some((media) => media.schema)) gaps.push(`${key}: ${status} schema`);
      }
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        if (Number(status) >= 400 && Object.keys(response.content ?? {}).join() !== 'application/problem+json') gaps.push(`${key}: ${status} not problem+json`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('states security per operation from who may call it, and a query parameter with a default is optional', () => {
    const get = (path: string, method: string) => document.paths[path][method];
    expect(get('/v1/orders', 'get').security).toEqual([{ bearer: [] }]);
    expect(get('/v1/search', 'get').security).toEqual([]);
    // A guest cart works without a token; a signed-in shopper's token is recognised.
    expect(get('/v1/carts/{cartId}', 'get').security).toEqual([{}, { bearer: [] }]);
    const limit = get('/v1/orders', 'get').parameters.find((p: Json) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { default: 20 } });
    expect(Object.keys(get('/v1/orders', 'get').responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
  });

  it('matches the committed API types of the web app (run `npm run gen:api-types` after changing a route schema)', async () => {
    const expected = await apiTypesSource(document);
    expect(readFileSync(DEFAULT_TYPES_FILE, 'utf8') === expected, `${DEFAULT_TYPES_FILE} is out of date: run npm run gen:api-types`).toBe(true);
  });
});
