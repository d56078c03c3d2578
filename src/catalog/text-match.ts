/**
 * The text matching and ranking that catalogue search used to ask PostgreSQL for on every
 * query, as pure functions over PostgreSQL's own output: documents arrive as tsvector text and
 * queries as tsquery text (PostgreSQL stems and folds both), and these functions match them
 * (`@@`), rank them (`ts_rank` with its default weights) and compare trigrams (pg_trgm's
 * `word_similarity`) the way PostgreSQL does. No I/O here.
 */

/**
 * A document vector: lexeme → packed positions (position | weight << 14, as PostgreSQL stores
 * them). Kept as three flat arrays rather than a Map of arrays: an index holds four per
 * product, and a document has a few dozen lexemes, so a scan is as quick as a hash lookup.
 */
export class TextVector {
  private lexemes: string[] = [];
  private offsets: number[] = [0];
  private positions: number[] = [];

  get size(): number { return this.lexemes.length; }

  keys(): readonly string[] { return this.lexemes; }

  add(lexeme: string, positions: readonly number[]): void {
    this.lexemes.push(lexeme);
    for (const p of positions) this.positions.push(p);
    this.offsets.push(this.positions.length);
  }

  has(lexeme: string): boolean { return this.lexemes.includes(lexeme); }

  get(lexeme: string): number[] | undefined {
    const i = this.lexemes.indexOf(lexeme);
    return i < 0 ? undefined : this.positions.slice(this.offsets[i], this.offsets[i + 1]);
  }
}

const WEIGHT_CODE: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };
/** ts_rank's default weights, indexed by the packed weight code (D, C, B, A). */
const RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0];
const MAX_POSITION = 16383;

const positionOf = (packed: number) => packed & 0x3fff;
const weightOf = (packed: number) => RANK_WEIGHTS[packed >> 14];

/** Parses tsvector output (`'bols':1A 'piel':3A,5B`). Lexemes are interned through `intern`. */
export function parseTsvector(text: string, intern: (s: string) => string = (s) => s): TextVector {
  const vector = new TextVector();
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") { i++; continue; }
    // Most lexemes have no quote or backslash inside: slice them without building the string.
    const start = ++i;
    let lexeme = '';
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "'" && text[i + 1] !== "'") break;
      if (c === "'" || c === '\\') { lexeme = unescapeLexeme(text, start); i = lexeme.length + start + countEscapes(text, start); break; }
    }
    if (!lexeme) lexeme = text.slice(start, i);
    i++;
    const positions: number[] = [];
    if (text[i] === ':') {
      i++;
      for (;;) {
        let n = 0;
        while (i < text.length && text[i] >= '0' && text[i] <= '9') n = n * 10 + text.charCodeAt(i++) - 48;
        const weight = WEIGHT_CODE[text[i]] ?? 0;
        if (text[i] in WEIGHT_CODE) i++;
        positions.push(Math.min(n, MAX_POSITION) | (weight << 14));
        if (text[i] !== ',') break;
        i++;
      }
    }
    vector.add(intern(lexeme), positions);
  }
  return vector;
}

/** A quoted lexeme with '' or backslash escapes, from just after its opening quote. */
function unescapeLexeme(text: string, from: number): string {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'") { if (text[i + 1] === "'") { out += "'"; i++; continue; } break; }
    if (c === '\\') { out += text[++i]; continue; }
    out += c;
  }
  return out;
}

/** How many escape characters the quoted lexeme starting at `from` uses. */
function countEscapes(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'") { if (text[i + 1] === "'") { n++; i++; continue; } break; }
    if (c === '\\') { n++; i++; }
  }
  return n;
}

// --- queries -------------------------------------------------------------------------------------

export type TsQuery =
  | { kind: 'term'; lexeme: string }
  | { kind: 'not'; arg: TsQuery }
  | { kind: 'and' | 'or'; left: TsQuery; right: TsQuery }
  | { kind: 'phrase'; distance: number; left: TsQuery; right: TsQuery };

/** Parses tsquery output (`'bols' & 'piel'`, `'a' <-> 'b'`, `!'x' | ( 'y' & 'z' )`); null when empty. */
export function parseTsquery(text: string): TsQuery | null {
  type Token = { t: 'term'; v: string } | { t: 'op'; v: '&' | '|' | '!' | '(' | ')' } | { t: 'phrase'; d: number };
  const tokens: Token[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === ' ') { i++; continue; }
    if (c === "'") {
      let v = '';
      for (i++; i < text.length; i++) {
        if (text[i] === "'") { if (text[i + 1] === "'") { v += "'"; i++; continue; } i++; break; }
        if (text[i] === '\\') { v += text[++i]; continue; }
        v += text[i];
      }
      // Weights or prefix marks (':A', ':*') are never produced by websearch_to_tsquery.
      while (i < text.length && text[i] !== ' ' && text[i] !== ')') i++;
      tokens.push({ t: 'term', v });
    } else if (c === '<') {
      const end = text.indexOf('>', i);
      const inner = text.slice(i + 1, end);
      tokens.push({ t: 'phrase', d: inner === '-' ? 1 : Number(inner) });
      i = end + 1;
    } else {
      tokens.push({ t: 'op', v: c as '&' });
      i++;
    }
  }
  let at = 0;
  // Precedence, loosest first: | then & then <-> then !.
  const parseOr = (): TsQuery => {
    let left = parseAnd();
    while (tokens[at]?.t === 'op' && (tokens[at] as { v: string }).v === '|') { at++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): TsQuery => {
    let left = parsePhrase();
    while (tokens[at]?.t === 'op' && (tokens[at] as { v: string }).v === '&') { at++; left = { kind: 'and', left, right: parsePhrase() }; }
    return left;
  };
  const parsePhrase = (): TsQuery => {
    let left = parseUnary();
    while (tokens[at]?.t === 'phrase') { const distance = (tokens[at++] as { d: number }).d; left = { kind: 'phrase', distance, left, right: parseUnary() }; }
    return left;
  };
  const parseUnary = (): TsQuery => {
    const token = tokens[at++];
    if (!token) throw new Error(`tsquery ended early: ${text}`);
    if (token.t === 'term') return { kind: 'term', lexeme: token.v };
    if (token.t === 'op' && token.v === '!') return { kind: 'not', arg: parseUnary() };
    if (token.t === 'op' && token.v === '(') { const inner = parseOr(); at++; return inner; }
    throw new Error(`unexpected token in tsquery: ${text}`);
  };
  if (!tokens.length) return null;
  return parseOr();
}

/** The distinct lexemes of a query, as ts_rank counts them (negated ones included). */
export function queryLexemes(query: TsQuery): string[] {
  const out = new Set<string>();
  const walk = (q: TsQuery) => {
    if (q.kind === 'term') out.add(q.lexeme);
    else if (q.kind === 'not') walk(q.arg);
    else { walk(q.left); walk(q.right); }
  };
  walk(query);
  return [...out].sort();
}

/** `vector @@ query`. */
export function matches(vector: TextVector, query: TsQuery): boolean {
  switch (query.kind) {
    case 'term': return vector.has(query.lexeme);
    case 'not': return !matches(vector, query.arg);
    case 'and': return matches(vector, query.left) && matches(vector, query.right);
    case 'or': return matches(vector, query.left) || matches(vector, query.right);
    case 'phrase': return phraseEnds(vector, query).length > 0;
  }
}

/** Positions where a phrase (or a term) ends in the document; empty when it does not occur. */
function phraseEnds(vector: TextVector, query: TsQuery): number[] {
  if (query.kind === 'term') return (vector.get(query.lexeme) ?? []).map(positionOf);
  if (query.kind === 'phrase') {
    const left = new Set(phraseEnds(vector, query.left));
    return phraseEnds(vector, query.right).filter((p) => left.has(p - query.distance));
  }
  // A boolean operator inside a phrase: the phrase holds wherever both sides' positions allow.
  if (query.kind === 'or') return [...new Set([...phraseEnds(vector, query.left), ...phraseEnds(vector, query.right)])];
  if (query.kind === 'and') { const right = new Set(phraseEnds(vector, query.right)); return phraseEnds(vector, query.left).filter((p) => right.has(p)); }
  return query.kind === 'not' && !matches(vector, query.arg) ? [0] : [];
}

const wordDistance = (w: number) => (w > 100 ? 1e-30 : 1 / (1.005 + 0.05 * Math.exp(w / 1.5 - 2)));

/** ts_rank(vector, query) with the default weights {0.1, 0.2, 0.4, 1.0} and no normalisation. */
export function tsRank(vector: TextVector, query: TsQuery | null, lexemes = query ? queryLexemes(query) : []): number {
  if (!query || !vector.size || !lexemes.length) return 0;
  const proximity = (query.kind === 'and' || query.kind === 'phrase') && lexemes.length >= 2;
  const res = proximity ? rankAnd(vector, lexemes) : rankOr(vector, lexemes);
  return res < 0 ? 1e-20 : res;
}

function rankOr(vector: TextVector, lexemes: string[]): number {
  let res = 0;
  for (const lexeme of lexemes) {
    const positions = vector.get(lexeme);
    if (!positions) continue;
    let resj = 0;
    let wjm = -1;
    let jm = 0;
    for (let j = 0; j < positions.length; j++) {
      const w = weightOf(positions[j]);
      resj += w / ((j + 1) * (j + 1));
      if (w > wjm) { wjm = w; jm = j; }
    }
    res += (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685;
  }
  return res / lexemes.length;
}

function rankAnd(vector: TextVector, lexemes: string[]): number {
  let res = -1;
  const found: Array<number[] | undefined> = lexemes.map((l) => vector.get(l));
  for (let i = 0; i < lexemes.length; i++) {
    const post = found[i];
    if (!post) continue;
    for (let k = 0; k < i; k++) {
      const ct = found[k];
      if (!ct) continue;
      for (const a of post) {
        for (const b of ct) {
          const dist = Math.abs(positionOf(a) - positionOf(b));
          if (!dist) continue;
          const curw = Math.sqrt(weightOf(a) * weightOf(b) * wordDistance(dist));
          res = res < 0 ? curw : 1 - (1 - res) * (1 - curw);
        }
      }
    }
  }
  return res;
}

// --- trigrams (pg_trgm) ------------------------------------------------------------------------

/**
 * pg_trgm's trigrams of a text, in order: each word (a run of letters and digits) padded with
 * two spaces before and one after. Input is expected lower-cased and accent-folded already.
 */
export function trigramSequence(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  }
  return out;
}

/**
 * pg_trgm's word_similarity(query, text): the best similarity between the query's trigram set
 * and the trigrams of any continuous extent of the text (shared / (query + extent − shared)).
 * An optimal extent starts and ends on a trigram the query has, so only those are tried.
 */
export function wordSimilarity(queryTrigrams: ReadonlySet<string>, textTrigrams: readonly string[]): number {
  if (!queryTrigrams.size) return 0;
  const hits: number[] = [];
  for (let i = 0; i < textTrigrams.length; i++) if (queryTrigrams.has(textTrigrams[i])) hits.push(i);
  let best = 0;
  for (let s = 0; s < hits.length; s++) {
    const shared = new Set<string>();
    const extent = new Set<string>();
    let next = hits[s];
    for (let e = s; e < hits.length; e++) {
      for (; next <= hits[e]; next++) extent.add(textTrigrams[next]);
      shared.add(textTrigrams[hits[e]]);
      const similarity = shared.size / (queryTrigrams.size + extent.size - shared.size);
      if (similarity > best) best = similarity;
    }
  }
  return best;
}
