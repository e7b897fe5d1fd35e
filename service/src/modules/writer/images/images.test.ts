import sharp from 'sharp';
import { sweepOrphanFiles } from './orphan-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, grantSite, signup, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import { createOutboundFetch } from '../../../lib/outbound';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { writerFunctions } from '..';

let svc: TestService;
const fake = useFakeProvider((f) => {
  f.onImage(null);
  f.imageUrlsOnly(false);
  f.imageUrlOrigin(null);
});
let engine: Engine;
let big: Buffer;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '5000' });
  engine = createEngine(svc.deps, writerFunctions);
  // Larger than the stored maximum, with EXIF metadata that must not reach the stored file.
  big = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#3a7' } })
    .png()
    .withExif({ IFD0: { Copyright: 'Provider metadata', Artist: 'Someone' } })
    .toBuffer();
});
afterAll(() => svc.close());

const HTML = [
  '<p>Green tea is a gentle start to the day.</p>',
  ...['Why green tea', 'Choosing leaves', 'Water &amp; temperature', 'Brewing', 'Serving', 'Storing'].map((h) => `<h2 class="wp-block-heading">${h}</h2><p>About ${h}.</p>`),
  '<h2 class="wp-block-heading">Frequently asked questions</h2><h3 class="wp-block-heading">Is it bitter?</h3><p>No.</p>',
].join('\n');

type World = { s: Session; site: any; sector: any; content: string };

async function world(): Promise<World> {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-images', base_url: fake.openaiBaseUrl } });
  const db = svc.deps.db.owner;
  const [content] = await db`
    insert into content ${db({ account_id: s.accountId, site_id: site.id, sector_id: sector.id, title: 'How to brew green tea', primary_keyword: 'green tea', html: HTML, excerpt: 'Brewing.' })}
    returning id`;
  return { s, site, sector, content: content!.id };
}

/** The model's answer: long alt texts, the featured one without the keyword. */
function answerPrompts() {
  fake.onChat('image_prompts', (body) => {
    const user: string = body.messages.find((m: any) => m.role === 'user').content;
    const count = Number(/exactly (\d+) in-article/.exec(user)![1]);
    return {
      featured: { prompt: 'A steaming cup on a wooden table', alt: 'A steaming cup of tea on a wooden table by a window in the morning light', caption: 'A calm start.' },
      in_article: Array.from({ length: count }, (_, i) => ({
        prompt: `Scene ${i + 1} of tea leaves`,
        alt: `Loose green tea leaves in a ceramic bowl, scene ${i + 1}, ${'seen from above with soft shadows and a bamboo mat behind them '.repeat(3)}`,
        caption: `Step ${i + 1}.`,
      })),
    };
  });
}

async function run(s: Session, path: string, body: unknown) {
  const res = await svc.call('POST', path, { token: s.token, body });
  expect(res.status, res.text).toBe(202);
  await engine.execute(res.body.data.run_id);
  return (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: s.token })).body.data;
}
const credits = async (s: Session) => (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;
const images = async (w: World) => (await svc.call('GET', `/writer/images?content_id=${w.content}&page_size=100`, { token: w.s.token })).body.results as any[];
const byPlace = (list: any[]) => list.sort((x, y) => (x.kind === y.kind ? x.position - y.position : x.kind === 'featured' ? -1 : 1));

async function planned(w: World, sectionsPerImage = 3) {
  answerPrompts();
  const r = await run(w.s, '/writer/content/generate-image-prompts', { content_ids: [w.content], sections_per_image: sectionsPerImage, style: 'cartoon' });
  expect(r.status, r.error).toBe('succeeded');
  return byPlace(await images(w));
}

describe('generate_image_prompts', () => {
  it('plans a featured image and one per N sections (never the FAQ), with alt text within 125 characters naming the keyword', async () => {
    const w = await world();
    const before = await credits(w.s);
    const list = await planned(w, 3);
    // Six sections and an FAQ: sections 0 and 3 get an image, the FAQ (section 6) none.
    expect(list.map((i) => [i.kind, i.position])).toEqual([['featured', 0], ['in_article', 0], ['in_article', 3]]);
    for (const image of list) {
      expect(image).toMatchObject({ status: 'pending', style: 'cartoon', size: '1024x1024', file_url: null, content_id: w.content });
      expect(image.alt.length).toBeGreaterThan(10);
      expect(image.alt.length).toBeLessThanOrEqual(125);
      expect(image.caption).toMatch(/\S/);
    }
    expect(list[0].alt.toLowerCase()).toContain('green tea');
    expect(list[1].prompt).toBe('Scene 1 of tea leaves');
    // The model was told which sections to illustrate and the keyword for the alt text.
    const asked = fake.requests.find((r) => JSON.stringify(r.body).includes('image_prompts'))!.body.messages.map((m: any) => m.content).join('\n');
    expect(asked).toContain('1. Why green tea');
    expect(asked).toContain('2. Brewing');
    expect(asked).toContain('Water & temperature');
    expect(asked).toContain('"green tea"');
    const r = (await svc.call('GET', `/ai/runs/${list[0].run_id}`, { token: w.s.token })).body.data;
    expect(r).toMatchObject({ credits_used: 1, result: { articles: 1, failed: 0, images: 3, kept: 0 } });
    expect(await credits(w.s)).toBe(before - 1);
  }, 60_000);

  it('replaces pending prompts when run again, keeps a generated image and says so', async () => {
    const w = await world();
    const first = await planned(w, 3);
    const featured = first[0];
    const gen = await run(w.s, '/writer/images/generate', { image_ids: [featured.id] });
    expect(gen.status, gen.error).toBe('succeeded');
    fake.onChat('image_prompts', (body) => {
      const count = Number(/exactly (\d+) in-article/.exec(body.messages.find((m: any) => m.role === 'user').content)![1]);
      return { featured: { prompt: 'New featured', alt: 'green tea anew', caption: 'x' }, in_article: Array.from({ length: count }, (_, i) => ({ prompt: `New ${i}`, alt: 'A new alt', caption: 'y' })) };
    });
    const again = await run(w.s, '/writer/content/generate-image-prompts', { content_ids: [w.content], sections_per_image: 2 });
    expect(again).toMatchObject({ status: 'succeeded', result: { kept: 1, note: expect.stringContaining('already generated') } });
    const list = byPlace(await images(w));
    // Sections 0, 2 and 4 now; the generated featured image kept its prompt and file.
    expect(list.map((i) => [i.kind, i.position, i.prompt])).toEqual([
      ['featured', 0, featured.prompt], ['in_article', 0, 'New 0'], ['in_article', 2, 'New 1'], ['in_article', 4, 'New 2'],
    ]);
    expect(list[0]).toMatchObject({ status: 'generated', file_url: `/api/v1/writer/images/${featured.id}/file` });
    expect((await svc.call('GET', `/writer/images/${first[2].id}`, { token: w.s.token })).status).toBe(404);
  }, 60_000);
});

describe('stored files of deleted images', () => {
  it('are removed from the store whatever deleted the images: here a whole sector, at the workers’ next sweep', async () => {
    const w = await world();
    const list = await planned(w);
    fake.onImage(() => big);
    await run(w.s, '/writer/images/generate', { image_ids: list.map((i) => i.id) });
    const keys = list.map((i) => `${w.s.accountId}/${i.id}.webp`);
    for (const key of keys) expect(await svc.deps.files.get(key), key).not.toBeNull();

    const other = await world();
    const kept = await planned(other);
    await run(other.s, '/writer/images/generate', { image_ids: [kept[0].id] });

    expect((await svc.call('DELETE', `/sectors/${w.sector.id}`, { token: w.s.token })).status).toBe(200);
    expect(await svc.deps.db.owner`select 1 from images where id in ${svc.deps.db.owner(list.map((i) => i.id))}`).toHaveLength(0);
    while ((await sweepOrphanFiles(svc.deps)) > 0);
    for (const key of keys) expect(await svc.deps.files.get(key), key).toBeNull();
    expect(await svc.deps.db.owner`select 1 from stored_file_orphans where storage_key in ${svc.deps.db.owner(keys)}`).toHaveLength(0);
    // Another account's file stays.
    expect(await svc.deps.files.get(`${other.s.accountId}/${kept[0].id}.webp`)).not.toBeNull();
  }, 60_000);
});

describe('generate_images', () => {
  it('stores each image as WebP at most 1600 px wide, without metadata, and serves it to the account', async () => {
    const w = await world();
    const list = await planned(w);
    await svc.call('PATCH', `/writer/images/${list[1].id}`, { token: w.s.token, body: { style: 'artistic' } });
    fake.onImage(() => big);
    const before = await credits(w.s);
    const r = await run(w.s, '/writer/images/generate', { image_ids: list.map((i) => i.id) });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 3, result: { images: 3, failed: 0 } });
    expect(await credits(w.s)).toBe(before - 3);
    // The style is written into each prompt the provider receives.
    const prompts = fake.requests.filter((q) => q.path.endsWith('/images/generations')).map((q) => q.body.prompt as string);
    expect(prompts).toHaveLength(3);
    expect(prompts.filter((p) => p.includes('cartoon'))).toHaveLength(2);
    expect(prompts.filter((p) => p.includes('painterly'))).toHaveLength(1);

    for (const image of byPlace(await images(w))) {
      expect(image).toMatchObject({ status: 'generated', mime_type: 'image/webp', width: 1600, height: 800, provider: 'openai', model: 'gpt-image-1', error: null });
      expect(JSON.stringify(image)).not.toMatch(/127\.0\.0\.1|storage_key/);
      const stored = (await svc.deps.files.get(`${w.s.accountId}/${image.id}.webp`))!;
      expect(stored.length).toBe(image.bytes);
      const meta = await sharp(stored).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 1600, height: 800 });
      expect(meta.exif).toBeUndefined();

      const file = await svc.call('GET', image.file_url.replace('/api/v1', ''), { token: w.s.token });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/webp');
      expect(file.headers.get('cache-control')).toMatch(/^private/);
      const etag = file.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      const again = await svc.app.request(`${image.file_url}`, { headers: { authorization: `Bearer ${w.s.token}`, 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  }, 60_000);

  it('renders on a retried attempt only the images an earlier attempt of the run did not record, and charges each once', async () => {
    const w = await world();
    const list = byPlace(await planned(w));
    const start = await svc.call('POST', '/writer/images/generate', { token: w.s.token, body: { image_ids: list.map((i) => i.id) } });
    const runId = start.body.data.run_id as string;
    // What an attempt that stopped before its save leaves: the first image rendered, stored and recorded for this run.
    const earlier = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#a37' } }).webp().toBuffer();
    const key = `${w.s.accountId}/${list[0].id}.webp`;
    await svc.deps.files.put(key, earlier);
    await svc.deps.db.owner`
      update images set status = 'generated', run_id = ${runId}, storage_key = ${key}, mime_type = 'image/webp', width = 64, height = 32,
             bytes = ${earlier.length}, provider = 'openai', model = 'gpt-image-1', error = null
      where id = ${list[0].id}`;
    fake.onImage(() => big);
    const before = await credits(w.s);
    const asked = fake.requests.filter((q) => q.path.endsWith('/images/generations')).length;

    await engine.execute(runId);
    const r = (await svc.call('GET', `/ai/runs/${runId}`, { token: w.s.token })).body.data;
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 3, result: { images: 3, failed: 0 } });
    expect(fake.requests.filter((q) => q.path.endsWith('/images/generations')).length - asked).toBe(2);
    expect(await credits(w.s)).toBe(before);
    expect((await svc.deps.files.get(key))!.equals(earlier)).toBe(true);
    expect(byPlace(await images(w)).map((i) => [i.status, i.width])).toEqual([['generated', 64], ['generated', 1600], ['generated', 1600]]);
  }, 60_000);

  it('fails only the image the provider refuses in a batch of three, and refunds only its credit', async () => {
    const w = await world();
    const list = await planned(w);
    await svc.call('PATCH', `/writer/images/${list[2].id}`, { token: w.s.token, body: { prompt: 'REFUSE this one' } });
    fake.onImage((body) => (String(body.prompt).includes('REFUSE') ? 'refuse' : undefined));
    const before = await credits(w.s);
    const r = await run(w.s, '/writer/images/generate', { image_ids: list.map((i) => i.id) });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 2, result: { images: 2, failed: 1 } });
    expect(r.result.items.filter((i: any) => i.status === 'failed')).toEqual([{ image_id: list[2].id, status: 'failed', error: expect.any(String) }]);
    expect(await credits(w.s)).toBe(before - 2);
    const failed = (await svc.call('GET', `/writer/images/${list[2].id}`, { token: w.s.token })).body.data;
    expect(failed).toMatchObject({ status: 'failed', file_url: null, error: expect.stringMatching(/\S/) });
    expect(await svc.deps.files.get(`${w.s.accountId}/${list[2].id}.webp`)).toBeNull();
    expect((await svc.call('GET', `/writer/images/${list[2].id}/file`, { token: w.s.token })).status).toBe(404);
    const failedOnly = await svc.call('GET', `/writer/images?content_id=${w.content}&status=failed`, { token: w.s.token });
    expect(failedOnly.body.results.map((i: any) => i.id)).toEqual([list[2].id]);
  }, 60_000);

  it('renders with Runware when the account has it configured, and records which provider and model made each image', async () => {
    const w = await world();
    const [image] = await planned(w);
    const put = await svc.call('PUT', '/system/integrations/runware', { token: w.s.token, body: { api_key: 'rw-images', base_url: fake.runwareUrl, model: 'runware:100@1' } });
    expect(put.status, put.text).toBe(200);
    const r = await run(w.s, '/writer/images/generate', { image_ids: [image.id], size: '1536x1024' });
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 1 });
    expect(fake.requests.filter((q) => q.path.endsWith('/images/generations'))).toHaveLength(0);
    const task = fake.requests.find((q) => q.path === '/runware/v1')!.body[0];
    expect(task).toMatchObject({ taskType: 'imageInference', width: 1536, height: 1024, model: 'runware:100@1' });
    expect(task.positivePrompt).toContain('cartoon');
    const stored = (await svc.call('GET', `/writer/images/${image.id}`, { token: w.s.token })).body.data;
    expect(stored).toMatchObject({ status: 'generated', provider: 'runware', model: 'runware:100@1', size: '1536x1024', mime_type: 'image/webp' });
    expect((await sharp((await svc.deps.files.get(`${w.s.accountId}/${image.id}.webp`))!).metadata()).format).toBe('webp');
  }, 60_000);

  it('refuses an image URL on a private address unless the operator allows private networks', async () => {
    const w = await world();
    const [image] = await planned(w);
    fake.imageUrlsOnly(true);
    fake.imageUrlOrigin('http://10.0.0.1');
    // The provider itself stands on a public address here; only where its image lies is private.
    const allowing = svc.deps.outbound.tenant;
    const guarded = createOutboundFetch({ allowPrivate: false, except: ['127.0.0.1'], connectTimeoutMs: 2_000, firstByteTimeoutMs: 5_000 });
    svc.deps.outbound.tenant = guarded;
    const before = await credits(w.s);
    try {
      const refused = await run(w.s, '/writer/images/generate', { image_ids: [image.id] });
      expect(refused).toMatchObject({ status: 'failed', credits_used: 0 });
      expect(refused.error).toMatch(/not allowed/i);
      expect(await credits(w.s)).toBe(before);
      expect((await svc.call('GET', `/writer/images/${image.id}`, { token: w.s.token })).body.data).toMatchObject({ status: 'failed', error: expect.stringMatching(/not allowed/i) });
      expect(fake.requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
    } finally {
      svc.deps.outbound.tenant = allowing;
      await guarded.close();
    }
    // With private networks allowed (IGNY8_ALLOW_PRIVATE_NETWORK), a URL on one is downloaded at once.
    fake.imageUrlOrigin(null);
    const allowed = await run(w.s, '/writer/images/generate', { image_ids: [image.id] });
    expect(allowed).toMatchObject({ status: 'succeeded', credits_used: 1 });
    expect(fake.requests.filter((r) => r.path.startsWith('/files/'))).toHaveLength(1);
    expect((await svc.call('GET', `/writer/images/${image.id}`, { token: w.s.token })).body.data).toMatchObject({ status: 'generated', error: null });
  }, 60_000);
});

describe('the images API', () => {
  it('lets a viewer read images and their files but not generate, edit or delete them; another account gets 404', async () => {
    const w = await world();
    const list = await planned(w);
    await run(w.s, '/writer/images/generate', { image_ids: [list[0].id] });
    const viewer = await userWithRole(svc, w.s.accountId, 'viewer');
    await grantSite(svc, w.s, w.site.id, viewer.userId);
    const id = list[0].id;
    expect((await svc.call('GET', `/writer/images?content_id=${w.content}`, { token: viewer.token })).body.count).toBe(3);
    expect((await svc.call('GET', `/writer/images/${id}`, { token: viewer.token })).status).toBe(200);
    expect((await svc.call('GET', `/writer/images/${id}/file`, { token: viewer.token })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/writer/images/generate', { image_ids: [id] }],
      ['POST', '/writer/content/generate-image-prompts', { content_ids: [w.content] }],
      ['PATCH', `/writer/images/${id}`, { alt: 'Taken over' }],
      ['DELETE', `/writer/images/${id}`, undefined],
    ] as const) {
      const res = await svc.call(method, path, { token: viewer.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(await svc.deps.files.get(`${w.s.accountId}/${id}.webp`)).not.toBeNull();

    const other = await signup(svc, 'Other');
    for (const path of [`/writer/images/${id}`, `/writer/images/${id}/file`]) {
      const res = await svc.call('GET', path, { token: other.token });
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ success: false, code: 'not_found' });
    }
    expect((await svc.call('GET', `/writer/images?content_id=${w.content}`, { token: other.token })).body.count).toBe(0);
  }, 60_000);

  it('edits prompts and words as an editor, checks the input, and deletes the stored file with the image', async () => {
    const w = await world();
    const list = await planned(w);
    await run(w.s, '/writer/images/generate', { image_ids: [list[0].id] });
    const editor = await userWithRole(svc, w.s.accountId, 'editor');
    await grantSite(svc, w.s, w.site.id, editor.userId);
    const id = list[0].id;
    const edited = await svc.call('PATCH', `/writer/images/${id}`, { token: editor.token, body: { alt: ' Green tea in a glass cup ', caption: 'Fresh.', size: '1536x1024' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.data).toMatchObject({ alt: 'Green tea in a glass cup', caption: 'Fresh.', size: '1536x1024', status: 'generated' });
    for (const body of [{ size: '10x10' }, { size: '4096x4096' }, { style: 'oil' }, { alt: 'x'.repeat(126) }, { prompt: '   ' }, { storage_key: 'a/b.webp' }]) {
      const res = await svc.call('PATCH', `/writer/images/${id}`, { token: editor.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_input');
    }
    expect((await svc.call('POST', '/writer/images/generate', { token: editor.token, body: { image_ids: [id], size: 'big' } })).status).toBe(400);
    expect((await svc.call('POST', '/writer/content/generate-image-prompts', { token: editor.token, body: { content_ids: [w.content], sections_per_image: 0 } })).status).toBe(400);
    // A pending image has no file yet.
    expect((await svc.call('GET', `/writer/images/${list[1].id}/file`, { token: editor.token })).status).toBe(404);

    const deleted = await svc.call('DELETE', `/writer/images/${id}`, { token: editor.token });
    expect(deleted.status).toBe(200);
    expect(await svc.deps.files.get(`${w.s.accountId}/${id}.webp`)).toBeNull();
    expect((await svc.call('GET', `/writer/images/${id}/file`, { token: w.s.token })).status).toBe(404);
    expect((await svc.call('GET', `/writer/images/${id}`, { token: w.s.token })).status).toBe(404);
  }, 60_000);
});
