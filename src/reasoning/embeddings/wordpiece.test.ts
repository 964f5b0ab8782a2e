import { describe, expect, it } from 'vitest';
import { tokenizerJson } from './onnx-model.test-support.ts';
import { WordPieceTokenizer } from './wordpiece.ts';

const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'the',
  'card',
  'was',
  'charged',
  'twice',
  'un',
  '##want',
  '##ed',
  'runn',
  '##ing',
  ',',
  '!',
  'cafe',
  '国',
  'a',
  '##b',
  '##c',
  'ab',
  '.',
  "'",
  's',
  'order',
  '44',
  '##11',
];
const id = (t: string) => VOCAB.indexOf(t);

describe('WordPiece tokenizer', () => {
  const tok = WordPieceTokenizer.fromTokenizerJson(tokenizerJson(VOCAB));

  it('lower-cases, strips accents, splits punctuation, then longest-match-first pieces with ##', () => {
    // BERT's own example: "UNwant\u00E9d,running" → un ##want ##ed , runn ##ing
    expect(tok.tokenize('UNwant\u00E9d,running')).toEqual(['un', '##want', '##ed', ',', 'runn', '##ing']);
    expect(tok.tokenize('Café!')).toEqual(['cafe', '!']);
    // "abc": "abc" is not a word, "ab" is, then "##c"; longest match first, not "a ##b ##c".
    expect(tok.tokenize('abc')).toEqual(['ab', '##c']);
    // A word with a piece the vocabulary lacks is one [UNK], not a partial match.
    expect(tok.tokenize('abx card')).toEqual(['[UNK]', 'card']);
    expect(tok.tokenize("order 4411's")).toEqual(['order', '44', '##11', "'", 's']);
  });

  it('spaces out CJK ideographs, drops control characters, treats tabs and newlines as spaces', () => {
    expect(tok.basicTokens('国国card')).toEqual(['国', '国', 'card']);
    expect(tok.tokenize('国x')).toEqual(['国', '[UNK]']);
    expect(tok.basicTokens('the\u0000 card\twas\ncharged\u200b')).toEqual(['the', 'card', 'was', 'charged']);
  });

  it('frames with [CLS] … [SEP], with attention mask and token types', () => {
    const e = tok.encode('The card was charged twice!');
    expect(e.tokens).toEqual(['[CLS]', 'the', 'card', 'was', 'charged', 'twice', '!', '[SEP]']);
    expect(e.ids).toEqual([2, id('the'), id('card'), id('was'), id('charged'), id('twice'), id('!'), 3]);
    expect(e.attentionMask).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(e.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(tok.encode('').tokens).toEqual(['[CLS]', '[SEP]']);
  });

  it('truncates to the smallest of 256, the tokenizer and the model limit', () => {
    const short = WordPieceTokenizer.fromTokenizerJson(tokenizerJson(VOCAB, { maxLength: 5 }));
    expect(short.encode('the card was charged twice').tokens).toEqual([
      '[CLS]',
      'the',
      'card',
      'was',
      '[SEP]',
    ]);
    const limited = WordPieceTokenizer.fromTokenizerJson(tokenizerJson(VOCAB), { maxLength: 4 });
    expect(limited.encode('the card was').ids).toEqual([2, id('the'), id('card'), 3]);
    expect(tok.encode('card '.repeat(400)).ids).toHaveLength(256);
  });

  it('keeps case when the tokenizer is cased, and reads a vocab.txt', () => {
    const cased = WordPieceTokenizer.fromTokenizerJson(tokenizerJson(VOCAB, { lowercase: false }));
    expect(cased.tokenize('Card card')).toEqual(['[UNK]', 'card']);
    const fromTxt = WordPieceTokenizer.fromVocabTxt(VOCAB.join('\n'));
    expect(fromTxt.encode('UNwanted card').ids).toEqual([
      2,
      id('un'),
      id('##want'),
      id('##ed'),
      id('card'),
      3,
    ]);
  });

  it('refuses a tokenizer that is not WordPiece', () => {
    expect(() =>
      WordPieceTokenizer.fromTokenizerJson(JSON.stringify({ model: { type: 'BPE', vocab: {} } })),
    ).toThrow(/not a WordPiece tokenizer/);
    expect(() => WordPieceTokenizer.fromVocabTxt('a\nb')).toThrow(/no \[CLS\]/);
  });
});
