/**
 * Builds tiny, valid ONNX models for tests (no model is downloaded): a minimal protobuf encoder
 * for the few messages of onnx.proto a graph needs. Field numbers are onnx.proto's.
 */

const TEXT = new TextEncoder();

/** Protobuf writer: varints, length-delimited fields, fixed32 floats. */
class Writer {
  private readonly parts: Uint8Array[] = [];

  private push(bytes: Uint8Array | number[]): this {
    this.parts.push(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    return this;
  }

  private varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return this.push(out);
  }

  private tag(field: number, wire: 0 | 2 | 5): this {
    return this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    return this.tag(field, 0).varint(value);
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, 2).varint(value.length).push(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, TEXT.encode(value));
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const length = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export const FLOAT = 1;
export const INT64 = 7;

export interface ValueInfo {
  name: string;
  elemType: number;
  /** A number is a fixed dimension, a string a symbolic one (`batch`, `seq`). */
  shape: (number | string)[];
}

export interface Initializer {
  name: string;
  dims: number[];
  /** FLOAT data (raw little-endian) or INT64 data. */
  floats?: Float32Array;
  ints?: bigint[];
}

export interface Node {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  /** Integer attributes only (axis, keepdims, …): enough for these tests. */
  intAttributes?: Record<string, number>;
}

export interface Graph {
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers?: Initializer[];
  opset?: number;
}

function valueInfo(w: Writer, v: ValueInfo) {
  w.string(1, v.name); // ValueInfoProto.name
  w.message(2, (type) =>
    // TypeProto.tensor_type
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType); // Tensor.elem_type
      tensor.message(2, (shape) => {
        // TensorShapeProto.dim
        for (const d of v.shape) {
          shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
        }
      });
    }),
  );
}

function tensor(w: Writer, t: Initializer) {
  w.packedInts(1, t.dims); // TensorProto.dims
  w.int(2, t.floats ? FLOAT : INT64); // data_type
  w.string(8, t.name); // name
  if (t.floats) {
    const raw = new Uint8Array(t.floats.length * 4);
    const view = new DataView(raw.buffer);
    t.floats.forEach((f, i) => {
      view.setFloat32(i * 4, f, true);
    });
    w.bytes(9, raw); // raw_data
  } else {
    w.packedInts(7, t.ints ?? []); // int64_data
  }
}

/** Serialises a ModelProto (IR version 8) holding one graph. */
export function encodeModel(graph: Graph): Uint8Array {
  const w = new Writer();
  w.int(1, 8); // ir_version
  w.string(2, 'casebook-test'); // producer_name
  w.message(7, (g) => {
    // GraphProto
    for (const n of graph.nodes) {
      g.message(1, (node) => {
        for (const i of n.inputs) node.string(1, i);
        for (const o of n.outputs) node.string(2, o);
        node.string(3, n.name ?? `${n.opType}_${n.outputs[0]}`);
        node.string(4, n.opType);
        for (const [name, value] of Object.entries(n.intAttributes ?? {})) {
          node.message(5, (a) => a.string(1, name).int(3, value).int(20, 2)); // AttributeType INT = 2
        }
      });
    }
    g.string(2, 'test-graph');
    for (const t of graph.initializers ?? []) g.message(5, (x) => tensor(x, t));
    for (const v of graph.inputs) g.message(11, (x) => valueInfo(x, v));
    for (const v of graph.outputs) g.message(12, (x) => valueInfo(x, v));
  });
  w.message(8, (o) => o.string(1, '').int(2, graph.opset ?? 17)); // opset_import
  return w.finish();
}

/**
 * A "sentence model" whose last hidden state is an embedding-table lookup: input_ids [batch, seq]
 * → Gather(table, input_ids) → last_hidden_state [batch, seq, dim]. attention_mask and
 * token_type_ids are declared inputs the graph ignores (as real exports take them).
 */
export function lookupModel(table: readonly (readonly number[])[], opts: { tokenTypes?: boolean } = {}) {
  const dim = table[0]!.length;
  return encodeModel({
    nodes: [{ opType: 'Gather', inputs: ['table', 'input_ids'], outputs: ['last_hidden_state'] }],
    inputs: [
      { name: 'input_ids', elemType: INT64, shape: ['batch', 'seq'] },
      { name: 'attention_mask', elemType: INT64, shape: ['batch', 'seq'] },
      ...(opts.tokenTypes ? [{ name: 'token_type_ids', elemType: INT64, shape: ['batch', 'seq'] }] : []),
    ],
    outputs: [{ name: 'last_hidden_state', elemType: FLOAT, shape: ['batch', 'seq', dim] }],
    initializers: [{ name: 'table', dims: [table.length, dim], floats: Float32Array.from(table.flat()) }],
  });
}

/** A Hugging Face tokenizer.json with a WordPiece model over `vocab` (ids in order). */
export function tokenizerJson(
  vocab: readonly string[],
  opts: { lowercase?: boolean; maxLength?: number } = {},
) {
  return JSON.stringify({
    version: '1.0',
    truncation: opts.maxLength ? { max_length: opts.maxLength, strategy: 'LongestFirst' } : null,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: opts.lowercase ?? true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  });
}

/** Writes a model directory (`model.onnx` or `onnx/model.onnx`, plus `tokenizer.json`) into `dir`. */
export async function writeModelDir(
  dir: string,
  vocab: readonly string[],
  table: readonly (readonly number[])[],
  layout: 'flat' | 'hf' = 'flat',
): Promise<string> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  if (layout === 'hf') mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, layout === 'hf' ? 'onnx/model.onnx' : 'model.onnx'), lookupModel(table));
  writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson(vocab));
  return dir;
}
