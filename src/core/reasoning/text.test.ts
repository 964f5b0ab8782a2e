import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer.ts';
import { classifierFeatures, contentStems, indexTerms, normalise, tokenise } from './text.ts';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['agreed', 'agre'],
    ['hopping', 'hop'],
    ['relational', 'relat'],
    ['generalizations', 'gener'],
    ['charged', 'charg'],
    ['charging', 'charg'],
    ['refunds', 'refund'],
    ['controll', 'control'],
    ['is', 'is'],
  ])('stems %s to %s', (word, expected) => {
    expect(porterStem(word)).toBe(expected);
  });
});

describe('text pipeline', () => {
  it.each([
    ['lower-cases, strips accents and apostrophes', 'Café WON’T', 'cafe wont'],
    ['turns long digit runs into one placeholder', 'order 113542617735902', 'order  0num '],
    ['keeps short numbers', 'in 2 weeks', 'in 2 weeks'],
  ])('normalise %s', (_name, input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('tokenises on anything that is not a letter or digit', () => {
    expect(tokenise('my card, still-not here?!')).toEqual(['my', 'card', 'still', 'not', 'here']);
  });

  it('keeps letters of other scripts', () => {
    expect(tokenise(normalise('Моя карта не пришла'))).toEqual(['моя', 'карта', 'не', 'пришла']);
  });

  it('drops stop words but keeps negations and question words', () => {
    expect(contentStems('Why is my card not working?')).toEqual(['why', 'card', 'not', 'work']);
  });

  it('adds bigrams of adjacent content words to the index terms', () => {
    expect(indexTerms('top up failed')).toEqual(['top', 'up', 'fail', 'top_up', 'up_fail']);
  });

  it('gives the classifier words, bigrams and character n-grams', () => {
    const features = classifierFeatures('top up');
    expect(features).toContain('w:top');
    expect(features).toContain('b:top_up');
    expect(features).toContain('c: to');
    expect(features).toContain('c:top ');
  });
});
