import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WordPieceTokenizer } from './wordpiece.ts';

/** The files of a local sentence-model directory; nothing here downloads anything. */
export interface ModelFiles {
  dir: string;
  model: string;
  tokenizer: WordPieceTokenizer;
}

/**
 * Finds `model.onnx` (or `onnx/model.onnx`, the layout of Hugging Face sentence-transformers
 * exports) and a WordPiece tokenizer (`tokenizer.json`, else `vocab.txt` with `tokenizer_config.json`'s
 * `do_lower_case`). Throws an Error whose message is one line an admin can act on.
 */
export function readModelDir(dir: string): ModelFiles {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  const model = [join(root, 'model.onnx'), join(root, 'onnx', 'model.onnx')].find((p) => existsSync(p));
  if (!model) throw new Error(`${root} has no model.onnx (nor onnx/model.onnx)`);
  const limit = modelMaxLength(root);
  // sentence-transformers states the length the model was meant to embed (all-MiniLM-L6-v2: 256)
  // in sentence_bert_config.json; its tokenizer.json may carry a shorter default truncation (128).
  const sentenceConfig =
    typeof readJson(join(root, 'sentence_bert_config.json'))?.max_seq_length === 'number';
  const tokenizerJson = join(root, 'tokenizer.json');
  const vocabTxt = join(root, 'vocab.txt');
  let tokenizer: WordPieceTokenizer;
  try {
    if (existsSync(tokenizerJson)) {
      tokenizer = WordPieceTokenizer.fromTokenizerJson(readFileSync(tokenizerJson, 'utf8'), {
        ...(limit ? { maxLength: limit } : {}),
        ignoreTruncation: sentenceConfig,
      });
    } else if (existsSync(vocabTxt)) {
      const config = readJson(join(root, 'tokenizer_config.json'));
      tokenizer = WordPieceTokenizer.fromVocabTxt(readFileSync(vocabTxt, 'utf8'), {
        lowercase: typeof config?.do_lower_case === 'boolean' ? config.do_lower_case : true,
        ...(limit ? { maxLength: Math.min(256, limit) } : {}),
      });
    } else {
      throw new Error('no tokenizer.json nor vocab.txt');
    }
  } catch (err) {
    throw new Error(`${root}: cannot read the tokenizer: ${(err as Error).message}`);
  }
  return { dir: root, model, tokenizer };
}

/** The smallest length limit the directory states (model positions, tokenizer maximum). */
function modelMaxLength(root: string): number | undefined {
  const limits = [
    readJson(join(root, 'config.json'))?.max_position_embeddings,
    readJson(join(root, 'tokenizer_config.json'))?.model_max_length,
    readJson(join(root, 'sentence_bert_config.json'))?.max_seq_length,
  ].filter((n): n is number => typeof n === 'number' && n >= 2 && n < 1e6);
  return limits.length ? Math.min(...limits) : undefined;
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
