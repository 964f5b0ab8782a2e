/**
 * Porter (1980) suffix-stripping stemmer, after Martin Porter's reference JavaScript version.
 * Stemming lets "charged", "charges" and "charging" meet in one term so a case written one way is
 * found when the customer writes another.
 */
const step2: Readonly<Record<string, string>> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};
const step3: Readonly<Record<string, string>> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;
const mGreater0 = new RegExp(`^(${C})?${V}${C}`);
const mEquals1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
const mGreater1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
const vowelInStem = new RegExp(`^(${C})?${v}`);
const cvc = new RegExp(`^${C}${v}[^aeiouwxy]$`);
const doubleConsonant = /([^aeiouylsz])\1$/;
const step2Re =
  /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const step3Re = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const step4Re = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const step4IonRe = /^(.+?)(s|t)(ion)$/;

/** Stems one lower-case word. Words shorter than three letters are returned unchanged. */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  let w = word;
  const startsWithY = w[0] === 'y';
  if (startsWithY) w = `Y${w.slice(1)}`;

  // Step 1a: plurals.
  const plural = /^(.+?)(ss|i)es$/.exec(w) ?? /^(.+?)([^s])s$/.exec(w);
  if (plural) w = plural[1]! + plural[2]!;

  // Step 1b: -eed, -ed, -ing.
  const eed = /^(.+?)eed$/.exec(w);
  const edIng = eed ? null : /^(.+?)(ed|ing)$/.exec(w);
  if (eed) {
    if (mGreater0.test(eed[1]!)) w = w.slice(0, -1);
  } else if (edIng && vowelInStem.test(edIng[1]!)) {
    w = edIng[1]!;
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (doubleConsonant.test(w)) w = w.slice(0, -1);
    else if (cvc.test(w)) w += 'e';
  }

  // Step 1c: y -> i.
  const y = /^(.+?)y$/.exec(w);
  if (y && vowelInStem.test(y[1]!)) w = `${y[1]}i`;

  // Steps 2 and 3: double and single suffixes.
  const s2 = step2Re.exec(w);
  if (s2 && mGreater0.test(s2[1]!)) w = s2[1]! + step2[s2[2]!];
  const s3 = step3Re.exec(w);
  if (s3 && mGreater0.test(s3[1]!)) w = s3[1]! + step3[s3[2]!];

  // Step 4: residual suffixes.
  const s4 = step4Re.exec(w);
  const ion = s4 ? null : step4IonRe.exec(w);
  if (s4) {
    if (mGreater1.test(s4[1]!)) w = s4[1]!;
  } else if (ion && mGreater1.test(ion[1]! + ion[2]!)) {
    w = ion[1]! + ion[2]!;
  }

  // Step 5: final -e and -ll.
  const e = /^(.+?)e$/.exec(w);
  if (e && (mGreater1.test(e[1]!) || (mEquals1.test(e[1]!) && !cvc.test(e[1]!)))) w = e[1]!;
  if (/ll$/.test(w) && mGreater1.test(w)) w = w.slice(0, -1);

  if (startsWithY) w = `y${w.slice(1)}`;
  return w;
}
