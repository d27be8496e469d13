type Schema = Record<string, unknown>;

// Keywords Structured Outputs strict mode refuses with a 400, plus bounds some models refuse and
// OpenAI-compatible grammars ignore. Our own zod validation still enforces every one of them.
const DROPPED = new Set([
  '$schema', 'default', 'minLength', 'maxLength', 'minProperties', 'maxProperties', 'patternProperties', 'unevaluatedProperties',
  'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'uniqueItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
]);

class NotStrictable extends Error {}

function boundsNote(node: Schema): string | undefined {
  const min = node.minimum ?? node.exclusiveMinimum;
  const max = node.maximum ?? node.exclusiveMaximum;
  if (min === undefined && max === undefined) return undefined;
  return `Between ${min === undefined ? '-∞' : String(min)} and ${max === undefined ? '∞' : String(max)}.`;
}

function nullable(node: Schema): Schema {
  if (typeof node.type === 'string') {
    const enumValues = Array.isArray(node.enum) ? { enum: [...(node.enum as unknown[]), null] } : {};
    return { ...node, type: [node.type, 'null'], ...enumValues };
  }
  if (Array.isArray(node.type)) return node.type.includes('null') ? node : { ...node, type: [...(node.type as unknown[]), 'null'] };
  return { anyOf: [node, { type: 'null' }] };
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue;
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, convert(v)]));
    } else if (key === 'items' || key === 'anyOf' || key === 'allOf' || key === 'oneOf') {
      out[key === 'oneOf' ? 'anyOf' : key] = convert(value);
    } else out[key] = value;
  }
  const note = boundsNote(source);
  if (note) out.description = typeof out.description === 'string' ? `${out.description} ${note}` : note;
  const isObject = source.type === 'object' || (Array.isArray(source.type) && source.type.includes('object')) || 'properties' in source;
  if (isObject) {
    // A map with free keys (z.record) has no strict form.
    if (typeof source.additionalProperties === 'object' && source.additionalProperties !== null) throw new NotStrictable();
    const properties = (out.properties as Record<string, Schema> | undefined) ?? {};
    const required = new Set(Array.isArray(source.required) ? (source.required as string[]) : []);
    // Strict mode wants every key required; an optional one becomes required-and-nullable.
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, required.has(k) ? v : nullable(v)]));
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

/**
 * A JSON schema (e.g. from z.toJSONSchema) → the subset OpenAI Structured Outputs accepts with
 * `strict: true`, or undefined when it has no strict form (then it goes with `strict: false`).
 * Optional fields come back as null, so the caller's validator must accept null for them.
 */
export function toStrictJsonSchema(schema: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  try {
    return convert(schema) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof NotStrictable) return undefined;
    throw error;
  }
}
