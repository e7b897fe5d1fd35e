import { PROMPT_FUNCTIONS, PROMPT_TEMPLATE_MAX_LENGTH, PROMPT_VARIABLES } from '@igny8/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL } from '../../db/client';
import { signup, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { DEFAULT_PROMPTS } from './default-prompts';
import { getPromptTemplate, renderPrompt } from './service';
import { templateProblems, templateVariables } from './template';

describe('renderPrompt', () => {
  it('fills every placeholder, spaces inside the braces allowed', () => {
    expect(renderPrompt('Cluster {{cluster_name}}: {{ keywords }}.', { cluster_name: 'Running shoes', keywords: 'a, b' })).toBe(
      'Cluster Running shoes: a, b.',
    );
  });

  it('inserts values verbatim and never expands braces or replacement patterns inside them', () => {
    const out = renderPrompt('{{title}} | {{outline}}', { title: 'Use {{outline}} and $& or $1', outline: '{{title}}' });
    expect(out).toBe('Use {{outline}} and $& or $1 | {{title}}');
  });

  it('refuses to render when a placeholder has no value', () => {
    expect(() => renderPrompt('{{title}} {{word_count}}', { title: 'x' })).toThrow(/word_count/);
  });

  it('leaves single braces (JSON examples) alone', () => {
    expect(renderPrompt('Answer {"ok": true} for {{prompt}}', { prompt: 'p' })).toBe('Answer {"ok": true} for p');
  });
});

describe('built-in templates', () => {
  it.each(PROMPT_FUNCTIONS)('%s uses only its declared variables, all required ones, and renders completely', (fn) => {
    const template = DEFAULT_PROMPTS[fn];
    expect(templateProblems(fn, template)).toBeNull();
    // Every declared variable is used, so the defaults show the dashboard what each one is for.
    expect(templateVariables(template).sort()).toEqual(PROMPT_VARIABLES[fn].map((v) => v.name).sort());
    const vars = Object.fromEntries(PROMPT_VARIABLES[fn].map((v) => [v.name, `<${v.name}>`]));
    const rendered = renderPrompt(template, vars);
    expect(rendered).not.toMatch(/\{\{|\}\}/);
    for (const v of PROMPT_VARIABLES[fn]) expect(rendered).toContain(`<${v.name}>`);
  });
});

describe('/thinker/prompts', () => {
  let svc: TestService;
  let owner: Session;
  beforeAll(async () => {
    svc = await createTestService();
    owner = await signup(svc);
  });
  afterAll(() => svc.close());

  it('lists every function with the built-in template and its variables', async () => {
    const res = await svc.call('GET', '/thinker/prompts', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, count: PROMPT_FUNCTIONS.length, next: null, previous: null });
    expect(res.body.results.map((p: { function: string }) => p.function)).toEqual([...PROMPT_FUNCTIONS]);
    const ideas = res.body.results.find((p: { function: string }) => p.function === 'generate_ideas');
    expect(ideas).toMatchObject({ is_default: true, template: DEFAULT_PROMPTS.generate_ideas, updated_at: null });
    expect(ideas.variables).toContainEqual({ name: 'cluster_name', description: expect.any(String), required: true });
    expect(ideas.variables.map((v: { name: string }) => v.name)).toEqual(
      ['cluster_name', 'cluster_description', 'keywords', 'intent', 'ideas_per_cluster', 'author_profile', 'strategy'],
    );
  });

  it('saves an override, serves it to the engine, and resets it to the default', async () => {
    const s = await signup(svc);
    const template = 'Write {{ideas_per_cluster}} ideas for {{cluster_name}} from:\n{{keywords}}';
    const put = await svc.call('PUT', '/thinker/prompts/generate_ideas', { token: s.token, body: { template } });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ function: 'generate_ideas', template, is_default: false, updated_by: s.userId });
    expect(put.body.data.updated_at).toEqual(expect.any(String));

    const got = await svc.call('GET', '/thinker/prompts/generate_ideas', { token: s.token });
    expect(got.body.data).toMatchObject({ template, is_default: false, default_template: DEFAULT_PROMPTS.generate_ideas });
    const scope = { kind: 'account' as const, accountId: s.accountId, siteIds: null, readOnly: false };
    expect(await svc.deps.db.run(scope, (tx) => getPromptTemplate(tx, 'generate_ideas'))).toEqual({ template, isDefault: false });
    expect(await svc.deps.db.run(GLOBAL, (tx) => getPromptTemplate(tx, 'generate_ideas', s.accountId))).toEqual({ template, isDefault: false });
    expect(await svc.deps.db.run(scope, (tx) => getPromptTemplate(tx, 'generate_content'))).toEqual({
      template: DEFAULT_PROMPTS.generate_content, isDefault: true,
    });

    // Saving again replaces the override instead of adding a second one.
    const again = await svc.call('PUT', '/thinker/prompts/generate_ideas', { token: s.token, body: { template: `${template}\nBe brief.` } });
    expect(again.status).toBe(200);
    const rows = await svc.deps.db.owner`select template from prompt_templates where account_id = ${s.accountId}`;
    expect(rows).toEqual([{ template: `${template}\nBe brief.` }]);

    const reset = await svc.call('DELETE', '/thinker/prompts/generate_ideas', { token: s.token });
    expect(reset.status).toBe(200);
    expect(reset.body.data).toMatchObject({ is_default: true, template: DEFAULT_PROMPTS.generate_ideas, updated_at: null });
    expect(await svc.deps.db.run(scope, (tx) => getPromptTemplate(tx, 'generate_ideas'))).toEqual({
      template: DEFAULT_PROMPTS.generate_ideas, isDefault: true,
    });
    expect((await svc.call('DELETE', '/thinker/prompts/generate_ideas', { token: s.token })).status).toBe(200);
  });

  it('names unknown variables in a 400', async () => {
    const res = await svc.call('PUT', '/thinker/prompts/generate_ideas', {
      token: owner.token,
      body: { template: 'Ideas for {{cluster_name}} with {{keywords}} in {{ Language }} and {{tone}}' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.error).toContain('{{Language}}');
    expect(res.body.error).toContain('{{tone}}');
    expect(res.body.errors.template[0]).toMatch(/Unknown variables/);
  });

  it('refuses a template without a required variable', async () => {
    const res = await svc.call('PUT', '/thinker/prompts/generate_content', {
      token: owner.token,
      body: { template: 'Write an article titled {{title}} of {{word_count}} words.' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.template.join(' ')).toMatch(/Missing required variable \{\{primary_keyword\}\}/);
    const stored = await svc.deps.db.owner`select 1 from prompt_templates where account_id = ${owner.accountId}`;
    expect(stored).toHaveLength(0);
  });

  it('refuses empty, oversized and malformed bodies', async () => {
    const call = (body: unknown) => svc.call('PUT', '/thinker/prompts/generate_images', { token: owner.token, body });
    expect((await call({ template: '   ' })).status).toBe(400);
    const long = await call({ template: `{{prompt}} ${'x'.repeat(PROMPT_TEMPLATE_MAX_LENGTH)}` });
    expect(long.status).toBe(400);
    expect(long.body.errors.template).toBeDefined();
    expect((await call({ template: '{{prompt}}', extra: 1 })).status).toBe(400);
    expect((await call({})).status).toBe(400);
    const notJson = await svc.call('PUT', '/thinker/prompts/generate_images', { token: owner.token, body: '{"template":' });
    expect(notJson.status).toBe(400);
  });

  it('answers 404 for a function that does not exist', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await svc.call(method, '/thinker/prompts/write_poem', { token: owner.token, ...(method === 'PUT' ? { body: { template: 'x' } } : {}) });
      expect(res.status, method).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it("keeps one account's override away from another", async () => {
    const a = await signup(svc);
    const b = await signup(svc);
    const template = 'Secret house style for {{prompt}}';
    expect((await svc.call('PUT', '/thinker/prompts/generate_images', { token: a.token, body: { template } })).status).toBe(200);
    const seen = await svc.call('GET', '/thinker/prompts/generate_images', { token: b.token });
    expect(seen.body.data.is_default).toBe(true);
    const listed = await svc.call('GET', '/thinker/prompts', { token: b.token });
    expect(listed.text).not.toContain('Secret house style');
    // Another account resetting its own prompt leaves A's override in place.
    await svc.call('DELETE', '/thinker/prompts/generate_images', { token: b.token });
    expect((await svc.call('GET', '/thinker/prompts/generate_images', { token: a.token })).body.data.template).toBe(template);
  });

  it('lets viewers read but not change prompts', async () => {
    const viewer = await userWithRole(svc, owner.accountId, 'viewer');
    expect((await svc.call('GET', '/thinker/prompts/auto_cluster', { token: viewer.token })).status).toBe(200);
    const put = await svc.call('PUT', '/thinker/prompts/auto_cluster', { token: viewer.token, body: { template: 'Group {{keywords}}' } });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('forbidden');
    expect((await svc.call('DELETE', '/thinker/prompts/auto_cluster', { token: viewer.token })).status).toBe(403);
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    expect((await svc.call('PUT', '/thinker/prompts/auto_cluster', { token: editor.token, body: { template: 'Group {{keywords}}' } })).status).toBe(200);
  });

  it('requires a signed-in caller', async () => {
    expect((await svc.call('GET', '/thinker/prompts')).status).toBe(401);
  });
});
