import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const DIR = join(import.meta.dirname, 'src/i18n/messages');
const LOCALES = ['en', 'es', 'it', 'zh'];
const catalogue = (locale: string): Record<string, string> => JSON.parse(readFileSync(join(DIR, `${locale}.json`), 'utf8'));

/** The argument names a message uses ({name}, {count, plural, …}), which every translation must use too. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('message catalogues', () => {
  const english = catalogue('en');

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys, each valid ICU with the same arguments', (locale) => {
    const translated = catalogue(locale);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [key, message] of Object.entries(translated)) {
      expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
      const theirs = argumentsOf(parse(message));
      const ours = argumentsOf(parse(english[key]));
      expect([...theirs].sort(), `${locale} ${key}`).toEqual([...ours].sort());
    }
  });

  it('Chinese plurals use only `other` (Chinese has no plural forms)', () => {
    const zh = catalogue('zh');
    for (const [key, message] of Object.entries(zh)) {
      for (const element of parse(message)) {
        if (element.type === TYPE.plural) expect(Object.keys(element.options).filter((o) => !o.startsWith('=')), key).toEqual(['other']);
      }
    }
  });

  it('has a message for every fixed id the web app uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, 'src'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(match[1]);
      for (const match of source.matchAll(/label: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((id) => !(id in english))).toEqual([]);
  });
});
