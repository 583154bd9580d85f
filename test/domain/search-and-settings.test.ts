import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_PROFILE, DEFAULT_MINUTES_SETTINGS } from '../../server/domain/group-settings.ts';
import { foldForSearch, prefixMatchPatterns, prefixMatchQuery, prefixMatchTokens } from '../../server/domain/search-text.ts';
import { todayIso } from '../../server/domain/calendar.ts';

describe('search folding', () => {
  it('case and diacritics do not matter', () => expect(foldForSearch('Rancāne ŠTEINS')).toBe('rancane steins'));
  it('missing parts are skipped and the rest joined by lines', () => expect(foldForSearch('A', null, undefined, 'Ē')).toBe('a\ne'));
});

describe('the full-text query', () => {
  it('each folded word is a quoted prefix, all of them required', () =>
    expect(prefixMatchQuery('  Kārkliņai   ANKETU ')).toBe('"karklinai"* "anketu"*'));
  it('the query language is plain text inside the quotes, a quote doubled', () => {
    expect(prefixMatchQuery('NEAR(a b) -c title:d "e')).toBe('"near(a"* "b)"* "-c"* "title:d"* """e"*');
    expect(prefixMatchQuery('a"*OR"b')).toBe('"a""*or""b"*');
  });
  it('words without a letter or digit are left out; none left is no query', () => {
    expect(prefixMatchQuery('ranca -- *')).toBe('"ranca"*');
    expect(prefixMatchQuery('%% " *')).toBeNull();
  });
});

describe('the same matching as regular expressions (PostgreSQL)', () => {
  const matches = (query: string, text: string) =>
    prefixMatchPatterns(query).every((p) => new RegExp(p.replaceAll('[:alnum:]', '\\p{L}\\p{N}'), 'u').test(foldForSearch(text)));
  it('a word matches the words that start with it, never the middle of a word', () => {
    expect(prefixMatchPatterns('  Kārkliņai   ANKETU ')).toEqual(['(^|[^[:alnum:]])karklinai', '(^|[^[:alnum:]])anketu']);
    expect(matches('ranca', 'E. Rancānei')).toBe(true);
    expect(matches('cane', 'E. Rancānei')).toBe(false);
  });
  it('a word with punctuation is its tokens one after another, as FTS5 reads a quoted phrase', () => {
    expect(prefixMatchPatterns('title:d')).toEqual(['(^|[^[:alnum:]])title[^[:alnum:]]+d']);
    expect(matches('5.3', 'pasākums 5.3.1.')).toBe(true);
    expect(matches('NEAR(a', 'near a')).toBe(true);
  });
  it('words without a letter or digit are left out; regular-expression syntax is plain text', () => {
    expect(prefixMatchPatterns('%% " *')).toEqual([]);
    expect(prefixMatchPatterns('a.*b')).toEqual(['(^|[^[:alnum:]])a[^[:alnum:]]+b']);
  });
  it('the tokens tried with like first are in every text the expressions match', () => {
    expect(prefixMatchTokens('  Ūdens-roze  5.3 %% ')).toEqual(['udens', 'roze', '5', '3']);
    for (const [query, text] of [
      ['ranca', 'E. Rancānei'],
      ['5.3', 'pasākums 5.3.1.'],
      ['NEAR(a', 'near a'],
    ] as const) {
      expect(matches(query, text)).toBe(true);
      for (const token of prefixMatchTokens(query)) expect(foldForSearch(text)).toContain(token);
    }
  });
});

describe('group defaults', () => {
  it('minutes are printed for paper signing in 12 pt Times New Roman with a 30 mm binding margin', () => {
    expect(DEFAULT_MINUTES_SETTINGS).toMatchObject({ signatureMode: 'paper', fontFamily: 'Times New Roman', fontSizePt: 12 });
    expect(DEFAULT_MINUTES_SETTINGS.marginsMm.left).toBe(30);
  });
  it('the default profile prints the group’s name in the genitive in the title', () =>
    expect(DEFAULT_GROUP_PROFILE.nameGenitive).toMatch(/grupas$/u));
});

describe('today', () => {
  it('today is the local calendar day as YYYY-MM-DD with zero padding', () =>
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05'));
});
