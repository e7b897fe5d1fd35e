import { toStrictJsonSchema } from 'openai/lib/transform';
import { z } from 'zod';

// How a zod schema becomes a structured-output request.
//
// Strict mode (`strict: true`) makes the provider constrain decoding to the schema, but it only takes
// schemas where every property is required and every object closed. So an optional property is
// sent as required-but-nullable, and a null the model gives for it is dropped again before zod
// validates the answer (then `.optional()` and `.default()` behave as written). A schema strict mode
// cannot express at all (a record, a tuple, a root that is not an object) is sent with
// `strict: false`: the provider then treats it as guidance only. Either way zod has the last word.

type JsonSchema = Record<string, unknown>;

export type StructuredFormat = {
  name: string;
  /** The `response_format` for providers that support JSON schemas. */
  jsonSchemaFormat: { type: 'json_schema'; json_schema: { name: string; schema: JsonSchema; strict: boolean } };
  /** The schema as zod describes the input it accepts, for validation and for prompts. */
  plain: JsonSchema;
};

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON schema of the answer zod accepts (the input side: a defaulted field may be left out). */
function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function resolve(schema: unknown, root: JsonSchema): JsonSchema | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (ref === '#') return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = match ? root[match[1]!] : undefined;
  return isObject(defs) ? resolve(defs[decodeURIComponent(match![2]!)], root) : undefined;
}

function acceptsNull(schema: unknown, root: JsonSchema, depth = 0): boolean {
  const s = resolve(schema, root);
  if (!s || depth > 8) return false;
  if (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'))) return true;
  if (s.const === null || (Array.isArray(s.enum) && s.enum.includes(null))) return true;
  const branches = [s.anyOf, s.oneOf].filter(Array.isArray).flat();
  return branches.some((b) => acceptsNull(b, root, depth + 1));
}

/** A copy where every optional property is required and nullable, and no `default` is left. */
function optionalToNullable(node: unknown, root: JsonSchema): unknown {
  if (Array.isArray(node)) return node.map((n) => optionalToNullable(n, root));
  if (!isObject(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default') continue;
    if (key === 'enum' || key === 'const' || key === 'examples') out[key] = value;
    else if (key === 'properties' || key === '$defs' || key === 'definitions') {
      out[key] = isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, optionalToNullable(v, root)]))
        : value;
    } else out[key] = optionalToNullable(value, root);
  }
  if (isObject(out.properties)) {
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [key, prop] of Object.entries(out.properties)) {
      if (required.has(key) || acceptsNull(prop, root)) continue;
      const { description, ...rest } = prop as JsonSchema;
      out.properties[key] = { anyOf: [rest, { type: 'null' }], ...(description === undefined ? {} : { description }) };
    }
  }
  return out;
}

// Converting costs a few milliseconds, and the AI functions ask with the same schema objects again and again.
const formats = new WeakMap<z.ZodType, Map<string, StructuredFormat>>();

/** Builds the request format for `schema`; strict when the schema allows it. */
export function structuredFormat(schemaName: string, schema: z.ZodType): StructuredFormat {
  let byName = formats.get(schema);
  if (!byName) formats.set(schema, (byName = new Map()));
  let format = byName.get(schemaName);
  if (!format) byName.set(schemaName, (format = buildFormat(schemaName, schema)));
  return format;
}

function buildFormat(schemaName: string, schema: z.ZodType): StructuredFormat {
  // The API takes 1–64 letters, digits, `_` or `-` as a name.
  const name = schemaName.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'answer';
  const plain = inputJsonSchema(schema);
  let strictSchema: JsonSchema | undefined;
  try {
    strictSchema = toStrictJsonSchema(optionalToNullable(plain, plain) as never) as JsonSchema;
  } catch {
    strictSchema = undefined;
  }
  return {
    name,
    plain,
    jsonSchemaFormat: {
      type: 'json_schema',
      json_schema: { name, schema: strictSchema ?? plain, strict: strictSchema !== undefined },
    },
  };
}

/**
 * The system prompt for providers that only offer JSON mode: the schema goes into the prompt, titled
 * with the schema's name.
 */
export function jsonModeSystemPrompt(system: string, format: StructuredFormat): string {
  const schema = JSON.stringify({ title: format.name, ...format.plain }, null, 2);
  return `${system}\n\nAnswer with one JSON object and nothing else. It must conform to this JSON schema:\n\`\`\`json\n${schema}\n\`\`\``;
}

/** Drops the nulls a strict schema forced into optional, non-nullable properties. */
function dropForcedNulls(value: unknown, schema: unknown, root: JsonSchema, depth = 0): void {
  const s = resolve(schema, root);
  if (!s || depth > 64) return;
  if (Array.isArray(value)) {
    if (isObject(s.items)) for (const item of value) dropForcedNulls(item, s.items, root, depth + 1);
  } else if (isObject(value) && isObject(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [key, prop] of Object.entries(s.properties)) {
      if (value[key] === null && !required.has(key) && !acceptsNull(prop, root)) delete value[key];
      else if (key in value) dropForcedNulls(value[key], prop, root, depth + 1);
    }
  }
  for (const branch of [s.anyOf, s.oneOf, s.allOf].filter(Array.isArray).flat()) {
    dropForcedNulls(value, branch, root, depth + 1);
  }
}

export type Reading<T> = { ok: true; data: T } | { ok: false; problem: string };

/**
 * Reads a model's answer: JSON (a Markdown code fence around it is tolerated, as small local models
 * add one in JSON mode), then validated by zod.
 */
export function readAnswer<T>(content: string, schema: z.ZodType<T>, format: StructuredFormat): Reading<T> {
  const text = content.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/i, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    return { ok: false, problem: `the answer is not valid JSON: ${JSON.stringify(preview)}` };
  }
  dropForcedNulls(json, format.plain, format.plain);
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problem = z.prettifyError(parsed.error);
  return { ok: false, problem: `the answer does not match the schema: ${problem.length > 600 ? `${problem.slice(0, 600)}…` : problem}` };
}
