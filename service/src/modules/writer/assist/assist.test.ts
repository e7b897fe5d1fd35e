import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../test/block-editor';
import { createSector, createSite, signup, upgradePlan, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { connectedSite, signedCall } from '../../../../test/site-signer';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { writerFunctions } from '../generation';

let svc: TestService;
const fake = useFakeProvider();
let engine: Engine;
let big: Buffer;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '2000' });
  big = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#3a7' } }).png().toBuffer();
  engine = createEngine(svc.deps, writerFunctions);
});
afterAll(() => svc.close());

const prompts: Record<string, string[]> = {};
const seen = (schema: string, body: any) => {
  const text: string = body.messages.map((m: any) => m.content).join('\n');
  (prompts[schema] ??= []).push(text);
  return text;
};
function answer() {
  for (const k of Object.keys(prompts)) delete prompts[k];
  fake.onChat('assist_title', (b) => (seen('assist_title', b), { title: '  How to  brew green tea at home ' }));
  fake.onChat('assist_meta_description', (b) => (seen('assist_meta_description', b), { meta_description: 'Everything about brewing a calm cup, from the water to the leaves, the timing and the cups you serve it in, told by people who drink it every day.' }));
  fake.onChat('content_outline', (b) => {
    seen('content_outline', b);
    return {
      title: 'Green tea, brewed well', meta_title: 'Green tea brewing', meta_description: 'Brew green tea well.', excerpt: 'How to brew green tea.',
      sections: [{ heading: 'Why green tea', level: 2, notes: 'benefits' }, { heading: 'Water & temperature', level: 3, notes: '' }],
      faq: [],
    };
  });
  fake.onChat('content_section', (b) => {
    const text = seen('content_section', b);
    return { blocks: [
      { type: 'paragraph', text: `Written for: ${/write only (the introduction|section \d)/.exec(text)?.[1] ?? '?'} — 80 °C & <strong>patience</strong>.` },
      { type: 'list', ordered: false, items: [{ text: 'Filtered water', items: [{ text: 'soft' }] }, { text: 'Two minutes', items: [] }] },
    ] };
  });
}

type World = { s: Session; site: string; sector: string; keyword: string; cluster: string; idea: string };
async function world(): Promise<World> {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-assist', base_url: fake.openaiBaseUrl } });
  const kws = (await svc.call('POST', '/planner/keywords', { token: s.token, body: [
    { sector_id: sector.id, keyword: 'green tea brewing', volume: 900 },
    { sector_id: sector.id, keyword: 'matcha whisk', volume: 300 },
  ] })).body.data;
  const db = svc.deps.db.owner;
  const where = { account_id: s.accountId, site_id: site.id, sector_id: sector.id };
  const [cluster] = await db`insert into clusters ${db({ ...where, name: 'Tea at home', description: 'Brewing tea in a home kitchen', source: 'manual', pillar_keyword_id: kws[0].id })} returning id`;
  await db`update keywords set cluster_id = ${cluster!.id}, status = 'clustered' where sector_id = ${sector.id}`;
  const [idea] = await db`insert into content_ideas ${db({ ...where, cluster_id: cluster!.id, title: 'The green tea guide for beginners', description: 'Start from zero', target_keyword: 'green tea brewing', content_type: 'how_to', outline: db.json([{ heading: 'Pick leaves', level: 2 }]) })} returning id`;
  return { s, site: site.id, sector: sector.id, keyword: kws[0].id, cluster: cluster!.id, idea: idea!.id };
}

const credits = async (s: Session) => (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;
async function run(s: Session, body: unknown) {
  const res = await svc.call('POST', '/writer/assist', { token: s.token, body });
  expect(res.status, res.text).toBe(202);
  await engine.execute(res.body.data.run_id);
  return (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: s.token })).body.data;
}

/** Markup the runs returned, checked by the block editor's own code in the last test. */
const markups: { what: string; markup: string; names: string[] | null }[] = [];

describe('assist', () => {
  let w: World;
  beforeAll(async () => { w = await world(); });

  it('writes a title about a keyword, with the keyword and its cluster in the prompt, for one credit', async () => {
    answer();
    const before = await credits(w.s);
    const r = await run(w.s, { kind: 'title', keyword_id: w.keyword, text: 'I like tea in the morning.' });
    expect(r).toMatchObject({ status: 'succeeded', function: 'assist', credits_used: 1, site_id: w.site, sector_id: w.sector, result: { kind: 'title', title: 'How to brew green tea at home' } });
    expect(await credits(w.s)).toBe(before - 1);
    expect(prompts.assist_title![0]).toContain('"green tea brewing"');
    expect(prompts.assist_title![0]).toContain('matcha whisk');
    expect(prompts.assist_title![0]).toContain('Tea at home');
    expect(prompts.assist_title![0]).toContain('I like tea in the morning.');
  });

  it('writes a meta description about a cluster that names its pillar keyword and fits 160 characters', async () => {
    answer();
    const r = await run(w.s, { kind: 'meta_description', cluster_id: w.cluster, title: 'Tea for two' });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 1, result: { kind: 'meta_description' } });
    const meta: string = r.result.meta_description;
    expect(meta.length).toBeLessThanOrEqual(160);
    expect(meta.toLowerCase()).toContain('green tea brewing');
    expect(prompts.assist_meta_description![0]).toContain('"Tea for two"');
  });

  it('plans an outline from an idea, with its headings as blocks', async () => {
    answer();
    const r = await run(w.s, { kind: 'outline', idea_id: w.idea });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 1, result: { kind: 'outline', title: 'Green tea, brewed well' } });
    expect(r.result.outline).toEqual([{ heading: 'Why green tea', level: 2, notes: 'benefits' }, { heading: 'Water & temperature', level: 3, notes: '' }]);
    expect(prompts.content_outline![0]).toContain('The green tea guide for beginners');
    expect(prompts.content_outline![0]).toContain('Pick leaves');
    markups.push({ what: 'outline', markup: r.result.blocks, names: ['core/heading', 'core/heading'] });
  });

  it('writes one section of a typed topic for the heading asked, as valid blocks starting with its heading', async () => {
    answer();
    const outline = [{ heading: 'Why green tea', level: 2 }, { heading: 'Water & temperature', level: 3 }];
    const r = await run(w.s, { kind: 'section', topic: 'green tea', site_id: w.site, title: 'Green tea at home', outline, heading: 'Water & temperature' });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 1, sector_id: null, result: { kind: 'section', heading: 'Water & temperature' } });
    expect(prompts.content_section).toHaveLength(1);
    expect(prompts.content_section![0]).toContain('write only section 2, "Water & temperature"');
    markups.push({ what: 'section', markup: r.result.blocks, names: ['core/heading', 'core/paragraph', 'core/list', 'core/list-item', 'core/list', 'core/list-item', 'core/list-item'] });
    expect(r.result.blocks).toMatch(/^<!-- wp:heading \{"level":3\} -->\n<h3 class="wp-block-heading">Water &amp; temperature<\/h3>/);
    expect(r.result.word_count).toBeGreaterThan(5);
  });

  it('writes the introduction when a section names no heading', async () => {
    answer();
    const r = await run(w.s, { kind: 'section', topic: 'oolong', site_id: w.site });
    expect(r.result).toMatchObject({ kind: 'section', heading: null });
    expect(r.result.blocks).toMatch(/^<!-- wp:paragraph -->\n<p>Written for: the introduction/);
  });

  it('writes a full draft for three credits: outline, introduction and every section, saving no content', async () => {
    answer();
    const before = await credits(w.s);
    const r = await run(w.s, { kind: 'draft', keyword_id: w.keyword });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 3, result: { kind: 'draft' } });
    expect(await credits(w.s)).toBe(before - 3);
    expect(prompts.content_outline).toHaveLength(1);
    expect(prompts.content_section).toHaveLength(3);
    expect(r.result.meta_description.toLowerCase()).toContain('green tea brewing');
    markups.push({ what: 'draft', markup: r.result.blocks, names: null });
    expect(r.result.blocks.match(/<!-- wp:heading/g)).toHaveLength(2);
    expect((await svc.call('GET', '/writer/content', { token: w.s.token })).body.count).toBe(0);
  });

  it('refunds a draft whose sections the provider keeps failing', async () => {
    answer();
    fake.onChat('content_section', () => ({ nonsense: true }));
    const before = await credits(w.s);
    const r = await run(w.s, { kind: 'draft', topic: 'white tea', site_id: w.site });
    expect(r).toMatchObject({ status: 'failed', credits_used: 0 });
    expect(await credits(w.s)).toBe(before);
  });

  it('makes a featured image for two credits: alt text naming the keyword, a WebP the run’s users can fetch, no image row', async () => {
    answer();
    fake.onChat('assist_featured_image', (b) => (seen('assist_featured_image', b), {
      prompt: 'A glass teapot of green tea on a kitchen table', alt: 'A glass teapot of steaming tea', caption: 'Tea at the right temperature.',
    }));
    fake.onImage(() => big);
    const before = await credits(w.s);
    const r = await run(w.s, { kind: 'featured_image', keyword_id: w.keyword, style: 'cartoon', text: 'Green tea wants water at 80 °C.' });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 2, result: { kind: 'featured_image', file: `/writer/assist/${r.id}/image`, mime_type: 'image/webp', width: 1600, height: 800 } });
    expect(await credits(w.s)).toBe(before - 2);
    expect(r.result.alt.toLowerCase()).toContain('green tea brewing');
    expect(r.result.alt.length).toBeLessThanOrEqual(125);
    expect(prompts.assist_featured_image![0]).toContain('80 °C');
    const asked = fake.requests.filter((q) => q.path.endsWith('/images/generations')).at(-1)!.body;
    expect(asked.prompt).toContain('A glass teapot');
    expect(asked.prompt).toContain('cartoon');

    const file = await svc.call('GET', r.result.file, { token: w.s.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    const res = await svc.app.request(`/api/v1${r.result.file}`, { headers: { authorization: `Bearer ${w.s.token}` } });
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 1600, height: 800 });
    expect((await svc.call('GET', r.result.file, { token: w.s.token, headers: { 'if-none-match': file.headers.get('etag')! } })).status).toBe(304);
    expect((await svc.call('GET', '/writer/images', { token: w.s.token })).body.count).toBe(0);

    // Another account's owner, and a run that made no image, get 404.
    const stranger = await signup(svc);
    expect((await svc.call('GET', r.result.file, { token: stranger.token })).status).toBe(404);
    const title = await run(w.s, { kind: 'title', topic: 'oolong', site_id: w.site });
    expect((await svc.call('GET', `/writer/assist/${title.id}/image`, { token: w.s.token })).status).toBe(404);
  });

  it('refunds a featured image the provider refuses to render', async () => {
    answer();
    fake.onChat('assist_featured_image', () => ({ prompt: 'A teapot', alt: 'A teapot', caption: '' }));
    fake.onImage(() => 'refuse');
    const before = await credits(w.s);
    const r = await run(w.s, { kind: 'featured_image', topic: 'white tea', site_id: w.site });
    expect(r).toMatchObject({ status: 'failed', credits_used: 0 });
    expect(await credits(w.s)).toBe(before);
    expect((await svc.call('GET', `/writer/assist/${r.id}/image`, { token: w.s.token })).status).toBe(404);
    fake.onImage(null);
  });

  it('refuses malformed requests with the fields at fault', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'title' }, 'topic'],
      [{ kind: 'title', topic: 'tea', keyword_id: w.keyword }, 'keyword_id'],
      [{ kind: 'poem', topic: 'tea', site_id: w.site }, 'kind'],
      [{ kind: 'title', topic: 'tea' }, 'site_id'],
      [{ kind: 'title', keyword_id: w.keyword, site_id: w.sector }, 'site_id'],
      [{ kind: 'title', topic: 'tea', site_id: w.site, heading: 'Why' }, 'heading'],
      [{ kind: 'section', topic: 'tea', site_id: w.site, outline: [{ heading: 'A', level: 2 }], heading: 'B' }, 'heading'],
      [{ kind: 'section', topic: 'tea', site_id: w.site, outline: [{ heading: 'A', level: 5 }] }, 'outline.0.level'],
      [{ kind: 'title', topic: 'tea', site_id: w.site, extra: 1 }, ''],
      [{ kind: 'title', topic: 'tea', site_id: w.site, style: 'cartoon' }, 'style'],
      [{ kind: 'featured_image', topic: 'tea', site_id: w.site, size: '10x10' }, 'size'],
      [{ kind: 'featured_image', topic: 'tea', site_id: w.site, style: 'oil' }, 'style'],
    ];
    const before = await credits(w.s);
    for (const [body, field] of cases) {
      const res = await svc.call('POST', '/writer/assist', { token: w.s.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toBeTruthy();
      if (field) expect(Object.keys(res.body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await svc.call('POST', '/writer/assist', { token: w.s.token, body: { kind: 'title', keyword_id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect(await credits(w.s)).toBe(before);
  });

  it('answers 402 with nothing reserved when the account lacks the credits of a draft', async () => {
    await svc.deps.db.owner`update accounts set credits = 2 where id = ${w.s.accountId}`;
    const res = await svc.call('POST', '/writer/assist', { token: w.s.token, body: { kind: 'draft', topic: 'tea', site_id: w.site } });
    expect(res.status).toBe(402);
    expect(await credits(w.s)).toBe(2);
    expect((await svc.call('POST', '/writer/assist', { token: w.s.token, body: { kind: 'title', topic: 'tea', site_id: w.site } })).status).toBe(202);
  });

  it('lets a signed site ask about a typed topic for itself, and not for another site', async () => {
    const own = await world();
    const site = await connectedSite(svc, own.s.token, own.site);
    const res = await signedCall(svc, site, 'POST', '/writer/assist', { body: JSON.stringify({ kind: 'title', topic: 'rooibos' }) });
    expect(res.status, res.text).toBe(202);
    const runRow = (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: own.s.token })).body.data;
    expect(runRow).toMatchObject({ function: 'assist', site_id: own.site });
    await upgradePlan(svc, own.s.accountId);
    const other = await createSite(svc, own.s);
    const refused = await signedCall(svc, site, 'POST', '/writer/assist', { body: JSON.stringify({ kind: 'title', topic: 'rooibos', site_id: other.id }) });
    expect(refused.status).toBe(404);
  });

  // Last in the file: the block checker installs jsdom's window globals, which the provider client must not see.
  it('returns block markup the block editor parses as valid core blocks', async () => {
    expect(markups.map((m) => m.what)).toEqual(['outline', 'section', 'draft']);
    for (const m of markups) {
      const checked = await checkBlocks(m.markup);
      expect(checked.invalid, m.what).toEqual([]);
      if (m.names) expect(checked.names, m.what).toEqual(m.names);
      else expect(new Set(checked.names), m.what).toEqual(new Set(['core/paragraph', 'core/heading', 'core/list', 'core/list-item']));
    }
    expect((await checkBlocks('<!-- wp:heading --><h2>No class</h2><!-- /wp:heading -->')).invalid).not.toEqual([]);
  }, 180_000);
});
