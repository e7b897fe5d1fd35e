import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonModeSystemPrompt, readAnswer, structuredFormat } from './structured-output';

const Content = z.object({
  title: z.string(),
  meta_description: z.string().max(160).optional(),
  status: z.string().default('draft'),
  sections: z.array(z.object({ heading: z.string(), summary: z.string().nullable().optional() })),
  author: z.object({ name: z.string() }).optional(),
});

describe('structuredFormat', () => {
  it('sends a strict schema: every property required, optional ones nullable, objects closed, no defaults', () => {
    const { jsonSchemaFormat } = structuredFormat('content', Content);
    expect(jsonSchemaFormat.json_schema).toMatchObject({ name: 'content', strict: true });
    const schema = jsonSchemaFormat.json_schema.schema as any;
    expect(schema.required).toEqual(['title', 'meta_description', 'status', 'sections', 'author']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.meta_description).toEqual({ anyOf: [{ type: 'string', maxLength: 160 }, { type: 'null' }] });
    expect(schema.properties.status).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(schema.properties.sections.items.required).toEqual(['heading', 'summary']);
    expect(schema.properties.sections.items.additionalProperties).toBe(false);
    expect(schema.properties.author.anyOf[0].additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).not.toContain('"default"');
  });

  it('makes the schema name one the API accepts', () => {
    expect(structuredFormat('generate ideas/v2', Content).jsonSchemaFormat.json_schema.name).toBe('generate_ideas_v2');
  });

  it('falls back to strict: false for a schema strict mode cannot express', () => {
    const { jsonSchemaFormat } = structuredFormat('counts', z.object({ counts: z.record(z.string(), z.number()) }));
    expect(jsonSchemaFormat.json_schema.strict).toBe(false);
    expect((jsonSchemaFormat.json_schema.schema as any).properties.counts.additionalProperties).toEqual({ type: 'number' });
  });

  it('puts the plain schema, titled with its name, into the JSON-mode prompt', () => {
    const prompt = jsonModeSystemPrompt('You write articles.', structuredFormat('content', Content));
    const schema = JSON.parse(/```json\n([\s\S]*)\n```/.exec(prompt)![1]!);
    expect(prompt.startsWith('You write articles.')).toBe(true);
    expect(schema).toMatchObject({ title: 'content', type: 'object', required: ['title', 'sections'] });
  });
});

describe('readAnswer', () => {
  const format = structuredFormat('content', Content);

  it('drops nulls forced into optional fields, keeps real nulls, and applies defaults', () => {
    const answer = JSON.stringify({
      title: 'T', meta_description: null, status: null, author: null,
      sections: [{ heading: 'H', summary: null }],
    });
    expect(readAnswer(answer, Content, format)).toEqual({
      ok: true,
      data: { title: 'T', status: 'draft', sections: [{ heading: 'H', summary: null }] },
    });
  });

  it('accepts an answer wrapped in a Markdown fence', () => {
    const reading = readAnswer('```json\n{"title": "T", "sections": []}\n```', Content, format);
    expect(reading).toMatchObject({ ok: true, data: { title: 'T' } });
  });

  it('says what is wrong with JSON that is broken or off-schema', () => {
    expect(readAnswer('Here you go: {"title":', Content, format)).toMatchObject({ ok: false, problem: expect.stringContaining('not valid JSON') });
    const offSchema = readAnswer('{"title": 3}', Content, format);
    expect(offSchema).toMatchObject({ ok: false, problem: expect.stringMatching(/does not match the schema[\s\S]*title/) });
  });
});
