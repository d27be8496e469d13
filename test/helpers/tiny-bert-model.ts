import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeMessage, type Field } from './protobuf-writer.js';

const FLOAT = 1;
const INT64 = 7;
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

function dimension(value: number | string): Field {
  return { n: 1, message: [typeof value === 'number' ? { n: 1, varint: value } : { n: 2, string: value }] };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Field[] {
  const shape: Field = { n: 2, message: dims.map(dimension) };
  return [
    { n: 1, string: name },
    { n: 2, message: [{ n: 1, message: [{ n: 1, varint: elemType }, shape] }] },
  ];
}

/**
 * ONNX graph: tokens = Gather(embeddings, input_ids); last_hidden_state = tokens + ReduceSum(tokens, axis 1).
 * The sum makes the [CLS] position depend on the whole text, as a real encoder's does, so CLS
 * pooling and the query instruction are observable. attention_mask and token_type_ids are accepted and unused.
 */
export function tinyBertOnnx(table: Float32Array, vocabSize: number, hidden: number): Uint8Array {
  const tensor: Field[] = [
    { n: 1, varint: vocabSize },
    { n: 1, varint: hidden },
    { n: 2, varint: FLOAT },
    { n: 8, string: 'embeddings' },
    { n: 9, bytes: new Uint8Array(table.buffer, table.byteOffset, table.byteLength) },
  ];
  const axes: Field[] = [
    { n: 1, varint: 1 },
    { n: 2, varint: INT64 },
    { n: 8, string: 'sequence_axis' },
    { n: 9, bytes: new Uint8Array(BigInt64Array.from([1n]).buffer) },
  ];
  const node = (inputs: string[], output: string, op: string): Field => ({
    n: 1,
    message: [...inputs.map((input): Field => ({ n: 1, string: input })), { n: 2, string: output }, { n: 3, string: output }, { n: 4, string: op }],
  });
  const graph: Field[] = [
    node(['embeddings', 'input_ids'], 'tokens', 'Gather'),
    node(['tokens', 'sequence_axis'], 'text_sum', 'ReduceSum'),
    node(['tokens', 'text_sum'], 'last_hidden_state', 'Add'),
    { n: 2, string: 'tiny-bert' },
    { n: 5, message: tensor },
    { n: 5, message: axes },
    { n: 11, message: valueInfo('input_ids', INT64, ['batch', 'sequence']) },
    { n: 11, message: valueInfo('attention_mask', INT64, ['batch', 'sequence']) },
    { n: 11, message: valueInfo('token_type_ids', INT64, ['batch', 'sequence']) },
    { n: 12, message: valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', hidden]) },
  ];
  return encodeMessage([
    { n: 1, varint: 8 },
    { n: 2, string: 'k8sdiag-test' },
    { n: 7, message: graph },
    { n: 8, message: [{ n: 1, string: '' }, { n: 2, varint: 13 }] },
  ]);
}

function tokenizerJson(vocab: string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string): unknown => ({ id: ids[token], content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const specialEntry = (token: string): unknown => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': specialEntry('[CLS]'), '[SEP]': specialEntry('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

export interface TinyModelOptions {
  /** Lowercase words in the vocabulary besides the special tokens. */
  words: string[];
  hidden?: number;
  /** Row of the embedding table for each token id; defaults to a deterministic pseudo-random row. */
  row?: (id: number, token: string) => number[];
}

/** Writes a loadable BERT-shaped model folder (config, tokenizer, onnx/model.onnx) into `dir`. */
export function writeTinyBertModel(dir: string, options: TinyModelOptions): { vocab: string[]; hidden: number } {
  const hidden = options.hidden ?? 8;
  const vocab = [...SPECIAL, ...options.words];
  const table = new Float32Array(vocab.length * hidden);
  vocab.forEach((token, id) => {
    // [PAD] must add nothing to the sum, so padded batches embed like single texts.
    const row = token === '[PAD]' ? new Array<number>(hidden).fill(0) : options.row?.(id, token) ?? Array.from({ length: hidden }, (_, j) => Math.sin((id + 1) * (j + 3)));
    row.forEach((value, j) => {
      table[id * hidden + j] = value;
    });
  });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), tinyBertOnnx(table, vocab.length, hidden));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: hidden, vocab_size: vocab.length, max_position_embeddings: 512 }),
  );
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  return { vocab, hidden };
}
