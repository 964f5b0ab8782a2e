/**
 * The WordPiece tokenizer BERT-style sentence models use (all-MiniLM-L6-v2 and kin), written here so
 * that the re-ranker needs no tokenizer library: BERT's basic tokenization (clean control characters,
 * space out CJK ideographs, lower-case and strip accents when the tokenizer says so, split on white
 * space and punctuation), then greedy longest-match-first WordPiece with `##` continuations, framed by
 * [CLS] … [SEP] and truncated to the model's length.
 */

export interface WordPieceOptions {
  lowercase: boolean;
  /** null: strip accents exactly when lower-casing (BERT's rule). */
  stripAccents: boolean | null;
  handleChineseChars: boolean;
  /** Longest sequence in tokens, [CLS] and [SEP] included. */
  maxLength: number;
  unkToken: string;
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
}

export interface Encoding {
  tokens: string[];
  ids: number[];
  attentionMask: number[];
  tokenTypeIds: number[];
}

/** The length the re-ranker caps inputs at whatever the model allows (MiniLM was trained on 128–256). */
export const MAX_SEQUENCE = 256;

const DEFAULTS: WordPieceOptions = {
  lowercase: true,
  stripAccents: null,
  handleChineseChars: true,
  maxLength: MAX_SEQUENCE,
  unkToken: '[UNK]',
  continuingSubwordPrefix: '##',
  maxInputCharsPerWord: 100,
};

export class WordPieceTokenizer {
  readonly options: WordPieceOptions;
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;
  private readonly unkId: number;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    options: Partial<WordPieceOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    if (this.options.maxLength < 2) throw new Error('maxLength must leave room for [CLS] and [SEP]');
    const id = (token: string) => {
      const found = vocab.get(token);
      if (found === undefined) throw new Error(`the vocabulary has no ${token} token`);
      return found;
    };
    this.clsId = id('[CLS]');
    this.sepId = id('[SEP]');
    this.unkId = id(this.options.unkToken);
    this.padId = vocab.get('[PAD]') ?? 0;
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  /** From a Hugging Face `tokenizer.json` whose model is WordPiece. */
  static fromTokenizerJson(
    json: string,
    limits: { maxLength?: number; ignoreTruncation?: boolean } = {},
  ): WordPieceTokenizer {
    const spec = JSON.parse(json) as TokenizerJson;
    const model = spec.model;
    if (model?.type !== 'WordPiece' || !model.vocab || typeof model.vocab !== 'object') {
      throw new Error(`tokenizer.json is not a WordPiece tokenizer (model type ${model?.type ?? 'missing'})`);
    }
    const vocab = new Map<string, number>();
    for (const [token, id] of Object.entries(model.vocab)) {
      if (typeof id === 'number') vocab.set(token, id);
    }
    const normalizer = findNormalizer(spec.normalizer);
    const lowercase = normalizer?.lowercase ?? true;
    return new WordPieceTokenizer(vocab, {
      lowercase,
      stripAccents: normalizer?.strip_accents ?? null,
      handleChineseChars: normalizer?.handle_chinese_chars ?? true,
      maxLength: Math.min(
        MAX_SEQUENCE,
        (limits.ignoreTruncation ? undefined : spec.truncation?.max_length) ?? MAX_SEQUENCE,
        limits.maxLength ?? MAX_SEQUENCE,
      ),
      unkToken: model.unk_token ?? '[UNK]',
      continuingSubwordPrefix: model.continuing_subword_prefix ?? '##',
      maxInputCharsPerWord: model.max_input_chars_per_word ?? 100,
    });
  }

  /** From a BERT `vocab.txt` (one token a line; the id is the line number). */
  static fromVocabTxt(text: string, options: Partial<WordPieceOptions> = {}): WordPieceTokenizer {
    const vocab = new Map<string, number>();
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.length > 0 && !vocab.has(line)) vocab.set(line, i);
    });
    return new WordPieceTokenizer(vocab, options);
  }

  /** Basic tokenization: the words and punctuation marks WordPiece then splits. */
  basicTokens(text: string): string[] {
    const { lowercase, stripAccents, handleChineseChars } = this.options;
    let cleaned = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0 || cp === 0xfffd || isControl(ch)) continue;
      if (isWhitespace(ch)) cleaned += ' ';
      else if (handleChineseChars && isCjk(cp)) cleaned += ` ${ch} `;
      else cleaned += ch;
    }
    if (lowercase) cleaned = cleaned.toLowerCase();
    if (stripAccents ?? lowercase) cleaned = cleaned.normalize('NFD').replace(/\p{Mn}/gu, '');
    const words: string[] = [];
    for (const chunk of cleaned.split(' ')) {
      let word = '';
      for (const ch of chunk) {
        if (isPunctuation(ch)) {
          if (word) words.push(word);
          words.push(ch);
          word = '';
        } else word += ch;
      }
      if (word) words.push(word);
    }
    return words;
  }

  /** Greedy longest-match-first WordPiece of one word; a word with any unknown piece is [UNK]. */
  wordPieces(word: string): string[] {
    const chars = Array.from(word);
    const { unkToken, continuingSubwordPrefix: prefix, maxInputCharsPerWord } = this.options;
    if (chars.length > maxInputCharsPerWord) return [unkToken];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: string | undefined;
      while (start < end) {
        const piece = (start > 0 ? prefix : '') + chars.slice(start, end).join('');
        if (this.vocab.has(piece)) {
          found = piece;
          break;
        }
        end--;
      }
      if (found === undefined) return [unkToken];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }

  tokenize(text: string): string[] {
    return this.basicTokens(text).flatMap((w) => this.wordPieces(w));
  }

  /** [CLS] pieces… [SEP], truncated to maxLength; one segment, so token types are all 0. */
  encode(text: string): Encoding {
    const pieces = this.tokenize(text).slice(0, this.options.maxLength - 2);
    const tokens = ['[CLS]', ...pieces, '[SEP]'];
    const ids = [this.clsId, ...pieces.map((p) => this.vocab.get(p) ?? this.unkId), this.sepId];
    return {
      tokens,
      ids,
      attentionMask: ids.map(() => 1),
      tokenTypeIds: ids.map(() => 0),
    };
  }
}

interface NormalizerJson {
  type?: string;
  lowercase?: boolean;
  strip_accents?: boolean | null;
  handle_chinese_chars?: boolean;
  normalizers?: NormalizerJson[];
}

interface TokenizerJson {
  truncation?: { max_length?: number } | null;
  normalizer?: NormalizerJson | null;
  model?: {
    type?: string;
    vocab?: Record<string, unknown>;
    unk_token?: string;
    continuing_subword_prefix?: string;
    max_input_chars_per_word?: number;
  };
}

/** The BertNormalizer, possibly inside a Sequence normalizer. */
function findNormalizer(n: NormalizerJson | null | undefined): NormalizerJson | undefined {
  if (!n) return undefined;
  if (n.type === 'BertNormalizer') return n;
  for (const inner of n.normalizers ?? []) {
    const found = findNormalizer(inner);
    if (found) return found;
  }
  if (n.type === 'Lowercase') return { lowercase: true };
  return undefined;
}

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || /\p{Zs}/u.test(ch);
}

function isControl(ch: string): boolean {
  if (ch === '\t' || ch === '\n' || ch === '\r') return false;
  return /\p{Cc}|\p{Cf}/u.test(ch);
}

/** BERT counts every non-alphanumeric ASCII symbol as punctuation, and Unicode's P* categories. */
function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (
    (cp >= 33 && cp <= 47) ||
    (cp >= 58 && cp <= 64) ||
    (cp >= 91 && cp <= 96) ||
    (cp >= 123 && cp <= 126)
  ) {
    return true;
  }
  return /\p{P}/u.test(ch);
}

/** The CJK Unified Ideographs blocks BERT spaces out (not Hiragana, Katakana or Hangul). */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}
