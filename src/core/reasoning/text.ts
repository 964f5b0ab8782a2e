import { porterStem } from './porter-stemmer.ts';
import { STOP_WORDS } from './stop-words.ts';

/**
 * The text pipeline shared by the index and the classifier: normalise → tokenise → stem → n-grams.
 * Both sides must analyse text identically, so this is the only place that decides what a term is.
 */

/** Lower-case, strip accents and apostrophes, and collapse long digit runs into one placeholder. */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Strip Latin-style accents only; marks that carry vowels in other scripts (Devanagari) stay.
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’`]/g, '')
      .replace(/\d{3,}/g, ' 0num ')
  );
}

/**
 * Word tokens of already-normalised text: runs of letters and digits in any script, so a case base
 * in Spanish or Russian is tokenised too (stemming and stop words stay English-only).
 */
export function tokenise(normalised: string): string[] {
  return normalised.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

// Stemming is the hot path of retain and retrieve; the vocabulary of a case base is small, so a
// bounded memo pays for itself many times over.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

export function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    // The Porter rules are English; words in other scripts are kept whole.
    s = /^[a-z0-9]+$/.test(token) ? porterStem(token) : token;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

/** Stemmed content words of a text, stop words removed, in order. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenise(normalise(text))) {
    if (!STOP_WORDS.has(t)) out.push(stem(t));
  }
  return out;
}

/**
 * The words as the text wrote them, by stem: the first word that gave each stem. Lets an
 * explanation say "charged" where the index only knows "charg".
 */
export function surfaceWords(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const t of tokenise(normalise(text))) {
    if (STOP_WORDS.has(t)) continue;
    const s = stem(t);
    if (!words.has(s)) words.set(s, t);
  }
  return words;
}

/**
 * Index terms: stemmed content unigrams plus adjacent bigrams ("card_arriv"), so phrases such as
 * "top up" and "exchange rate" score above their words scattered through a message.
 */
export function indexTerms(text: string): string[] {
  const stems = contentStems(text);
  const terms = stems.slice();
  for (let i = 1; i < stems.length; i++) terms.push(`${stems[i - 1]}_${stems[i]}`);
  return terms;
}

/**
 * Classifier features. Unlike index terms these keep function words (a linear model learns to
 * ignore them, and "how do I" vs "why did I" is informative) and add character 3–5-grams inside
 * word boundaries, which absorb typos and word forms the stemmer misses.
 */
export function classifierFeatures(text: string): string[] {
  const tokens = tokenise(normalise(text));
  const stems = tokens.map(stem);
  const features: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    features.push(`w:${stems[i]}`);
    if (i > 0) features.push(`b:${stems[i - 1]}_${stems[i]}`);
  }
  for (const t of tokens) {
    const padded = ` ${t} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) features.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return features;
}
