import { describe, expect, it } from 'vitest';
import { freeSlug, slugOf, splitGroupLogin } from '../../server/domain/group-slug.ts';

describe('a group slug', () => {
  it('is the name in lowercase ASCII, Latvian letters folded, words joined by hyphens', () => {
    expect(slugOf('Cēsu novada Bērnu tiesību aizsardzības sadarbības grupa')).toBe(
      'cesu-novada-bernu-tiesibu-aizsardzibas-sadarbibas-grupa',
    );
    expect(slugOf('Ķeguma, Ļaudonas un Žīguru ČŅŠ grupa!')).toBe('keguma-laudonas-un-ziguru-cns-grupa');
  });
  it('is never empty', () => expect(slugOf('— —')).toBe('grupa'));
  it('is kept unique on the host by a number', () => {
    expect(freeSlug('cesis', new Set())).toBe('cesis');
    expect(freeSlug('cesis', new Set(['cesis', 'cesis-2']))).toBe('cesis-3');
  });
});

describe('login@slug', () => {
  it('splits at the last @, so a login holding @ keeps it', () => {
    expect(splitGroupLogin('janis@cesis')).toEqual({ login: 'janis', slug: 'cesis' });
    expect(splitGroupLogin('j@b.lv@cesis')).toEqual({ login: 'j@b.lv', slug: 'cesis' });
  });
  it('is no split without both sides', () => {
    for (const text of ['janis', '@cesis', 'janis@']) expect(splitGroupLogin(text)).toBeNull();
  });
});
