import { describe, expect, it } from 'vitest';
import { caseForms, isDative, nominativeOfDative } from '../../server/domain/latvian-declension.ts';

describe('the nominative of a name or word in the dative', () => {
  it.each([
    // masculine 1st declension -s, -š
    ['Norbutam', 'Norbuts'],
    ['Guntaram', 'Guntars'],
    ['Bērziņam', 'Bērziņš'],
    ['Ozoliņam', 'Ozoliņš'],
    ['Kalējam', 'Kalējs'],
    // masculine 2nd declension -is
    ['Kalnim', 'Kalnis'],
    ['Jānim', 'Jānis'],
    // masculine 3rd declension -us
    ['Markum', 'Markus'],
    // masculine -e (Zvaigzne)
    ['Zvaigznem', 'Zvaigzne'],
    // feminine 4th -a and 5th -e
    ['Kārkliņai', 'Kārkliņa'],
    ['Ozolai', 'Ozola'],
    ['Elitai', 'Elita'],
    ['Rancānei', 'Rancāne'],
    ['Bāriņtiesai', 'Bāriņtiesa'],
    ['pārvaldei', 'pārvalde'],
    // plural: masculine -iem, feminine -ām, -ēm
    ['locekļiem', 'locekļi'],
    ['Bērziņiem', 'Bērziņi'],
    ['skolām', 'skolas'],
    ['pārvaldēm', 'pārvaldes'],
    // definite adjectives, both genders and numbers
    ['Sociālajam', 'Sociālais'],
    ['Sociālajai', 'Sociālā'],
    ['visiem', 'visi'],
    ['bāriņtiesu', undefined],
  ])('%s → %s', (dative, nominative) => {
    expect(nominativeOfDative(dative)).toBe(nominative);
  });

  it('genitives and accusatives are no datives', () => {
    for (const word of ['dienesta', 'pārvaldes', 'sēdes', 'sēdi', 'Norbuta', 'Rancāni', 'Kalnu', 'tirgus'])
      expect(isDative(word)).toBe(false);
  });
});

describe('every case form of a nominative name', () => {
  it.each([
    ['Norbuts', 'dative', ['Norbutam', 'Norbutiem']],
    ['Bērziņš', 'genitive', ['Bērziņa', 'Bērziņu']],
    // the 2nd declension softens the stem outside the singular's dative, accusative and locative (vilnis → viļņa)
    ['Kalnis', 'dative', ['Kalnim', 'Kalniem', 'Kaļņiem']],
    ['Kalnis', 'genitive', ['Kalna', 'Kalnu', 'Kaļņa', 'Kaļņu']],
    ['Brālis', 'genitive', ['Brāla', 'Brālu', 'Brāļa', 'Brāļu']],
    ['Lācis', 'nominative', ['Lācis', 'Lāci', 'Lāči']],
    ['Rancāne', 'dative', ['Rancānei', 'Rancānem', 'Rancānēm']],
    ['Kārkliņa', 'dative', ['Kārkliņai', 'Kārkliņam', 'Kārkliņām']],
    ['Kārkliņa', 'locative', ['Kārkliņā', 'Kārkliņās']],
    ['Markus', 'dative', ['Markum', 'Markiem']],
    ['Liepa', 'dative', ['Liepai', 'Liepam', 'Liepām']],
  ] as const)('%s in the %s: %j', (word, grammaticalCase, forms) => {
    expect(caseForms(word, grammaticalCase)).toEqual(forms);
  });

  it('a name no paradigm fits (a foreign one) stays as written in every case', () => {
    expect(caseForms('Li', 'dative')).toEqual(['Li']);
    expect(caseForms('Dupont', 'genitive')).toEqual(['Dupont']);
    expect(caseForms('Dumas', 'dative')).toEqual(['Dumas']);
  });
});
