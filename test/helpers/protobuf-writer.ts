/** Just enough protobuf encoding to write an ONNX ModelProto for tests: varints, strings, bytes, messages. */
export type Field =
  | { n: number; varint: number | bigint }
  | { n: number; string: string }
  | { n: number; bytes: Uint8Array }
  | { n: number; message: Field[] };

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function lengthDelimited(n: number, payload: Uint8Array): number[] {
  return [...varint((n << 3) | 2), ...varint(payload.length), ...payload];
}

export function encodeMessage(fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const field of fields) {
    if ('varint' in field) out.push(...varint(field.n << 3), ...varint(field.varint));
    else if ('string' in field) out.push(...lengthDelimited(field.n, new TextEncoder().encode(field.string)));
    else if ('bytes' in field) out.push(...lengthDelimited(field.n, field.bytes));
    else out.push(...lengthDelimited(field.n, encodeMessage(field.message)));
  }
  return Uint8Array.from(out);
}
