// What the fake provider answers: valid JSON synthesised from the JSON schema a request sends,
// deterministic embeddings in which similar strings lie close together, and a tiny PNG.

/** A 1×1 PNG. */
export const FAKE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export const EMBEDDING_DIMS = 64;

/**
 * Deterministic vectors from hashed character trigrams, L2-normalised: strings that share
 * trigrams point the same way, so similar keywords get a high cosine similarity.
 */
export function fakeEmbedding(text: string, dims = EMBEDDING_DIMS): number[] {
  const v = new Array<number>(dims).fill(0);
  const s = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + 3; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193) >>> 0;
    v[h % dims]! += h & 0x80000000 ? 1 : -1;
  }
  const norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

type Schema = Record<string, any>;

function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  if (ref === '#') return root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  return (m && root[m[1]!]?.[decodeURIComponent(m[2]!)]) ?? {};
}

function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim() || 'value';
}

const FORMATS: Record<string, string> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '12:00:00',
  email: 'sample@example.com',
  uri: 'https://example.com/sample',
  url: 'https://example.com/sample',
  uuid: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  hostname: 'example.com',
};

/** A valid value for a JSON schema: plausible text named after the property, 2 items per array. */
export function synthesize(schema: Schema, root: Schema, name = 'value', depth = 0, index?: number): unknown {
  const s = resolveRef(schema ?? {}, root);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) {
    const isNull = (b: Schema) => resolveRef(b, root).type === 'null';
    // Deep in a recursive schema, take the null branch so the answer ends.
    if (depth > 4 && union.some(isNull)) return null;
    const branch = union.find((b: Schema) => !isNull(b)) ?? union[0];
    return synthesize(branch, root, name, depth, index);
  }
  if (Array.isArray(s.allOf) && s.allOf.length) return synthesize(s.allOf[0], root, name, depth, index);
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [s.properties ? 'object' : s.items ? 'array' : 'string'];
  const type = types.find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries<Schema>(s.properties ?? {})) out[key] = synthesize(prop, root, key, depth + 1);
      return out;
    }
    case 'array': {
      const min = s.minItems ?? 1;
      const max = s.maxItems ?? Math.max(3, min);
      const count = depth > 4 ? (s.minItems ?? 0) : Math.min(Math.max(2, min), max);
      return Array.from({ length: count }, (_, i) => synthesize(s.items ?? {}, root, name.replace(/s$/, ''), depth + 1, i));
    }
    case 'string': {
      if (typeof s.format === 'string' && FORMATS[s.format]) return FORMATS[s.format];
      let text = `Sample ${words(name)}${index === undefined ? '' : ` ${index + 1}`}`;
      const minLength = s.minLength ?? 0;
      while (text.length < minLength) text += ' with more detail';
      return s.maxLength !== undefined ? text.slice(0, Math.max(s.maxLength, minLength)) : text;
    }
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      const high = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined);
      let n = 3 + (index ?? 0);
      if (low !== undefined && n < low) n = type === 'integer' ? Math.ceil(low) : low;
      if (high !== undefined && n > high) n = type === 'integer' ? Math.floor(high) : high;
      return n;
    }
    case 'boolean':
      return true;
    default:
      return null;
  }
}
