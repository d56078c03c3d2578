import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { matches, parseTsquery, parseTsvector, trigramSequence, tsRank, wordSimilarity } from './text-match.js';

const DOCUMENTS: Array<[string, string]> = [
  ['spanish', 'Bolso de piel Aurelia Duomo, bolso grande de piel'],
  ['italian', 'Caffè dello Yunnan tostato naturale'],
  ['english', 'Yunnan single-origin café beans, single estate'],
  ['english', 'the quick brown fox jumps over the lazy dog'],
  ['simple', 'Gucci Jackie bag GUC-JACKIE GUC-JACKIE-1'],
];
const QUERIES = ['bolsos de piel', 'cafe', 'single-origin beans', '"brown fox"', 'fox -dog', 'fox or cat', 'dog fox lazy', 'gucci jackie', 'de'];

describeEachBackend('text matching as PostgreSQL does it', (use) => {
  it('matches (@@) and ranks (ts_rank) every document/query pair as PostgreSQL does', async () => {
    for (const [config, document] of DOCUMENTS) {
      for (const query of QUERIES) {
        const { rows: [pg] } = await use().db.execute(sql`select to_tsvector(${config}::regconfig, unaccent(${document}))::text as vector,
          websearch_to_tsquery(${config}::regconfig, unaccent(${query}))::text as query,
          ts_rank(to_tsvector(${config}::regconfig, unaccent(${document})), websearch_to_tsquery(${config}::regconfig, unaccent(${query})))::float8 as rank,
          to_tsvector(${config}::regconfig, unaccent(${document})) @@ websearch_to_tsquery(${config}::regconfig, unaccent(${query})) as matches`);
        const vector = parseTsvector(String(pg.vector));
        const parsed = parseTsquery(String(pg.query));
        expect({ config, document, query, matches: parsed ? matches(vector, parsed) : false }).toEqual({ config, document, query, matches: pg.matches });
        expect(tsRank(vector, parsed)).toBeCloseTo(Number(pg.rank), 5);
      }
    }
  });

  it.each([
    ['guci', 'gucci jackie bag lumen tea'], ['fenise', 'fenice navigli borsa'], ['handbgas', 'aurora leather handbag'],
    ['word', 'two words'], ['aurelai duomo', 'bolso aurelia duomo piel'], ['jackie', 'gucci jackie bag'],
  ])('computes word_similarity(%s, %s) as pg_trgm does', async (query, text) => {
    const { rows: [pg] } = await use().db.execute(sql`select word_similarity(${query}, ${text})::float8 as similarity`);
    expect(wordSimilarity(new Set(trigramSequence(query)), trigramSequence(text))).toBeCloseTo(Number(pg.similarity), 5);
  });
});
