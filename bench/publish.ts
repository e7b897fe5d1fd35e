// The publish round trip to a local WordPress 7.1 (the project's launcher): content with a
// featured and two in-article images, from `POST /writer/content/{id}/publish` (its credential
// check included) to the run's end, each time new content so that the three images are uploaded.
// Baseline: the same WordPress requests made directly with fetch (three uploads, one post), without
// the lookups that make publishing exactly once. Then a publish again of the same content (the
// update: every lookup finds its object, nothing is uploaded). Medians of `runs`.
//   npx tsx bench/publish.ts [runs]
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startWordPress } from '../scripts/wordpress/index';
import { createApp } from '../service/src/app';
import { createEngine } from '../service/src/modules/ai/setup';
import { AI_FUNCTIONS } from '../service/src/worker';
import { renderArticle } from '../service/src/modules/writer/blocks/markup';
import { gradientPng } from '../wp-plugin/tests/e2e/support/png';
import { benchDatabase } from './bench-db';

const RUNS = Number(process.argv[2] ?? 5);
const SEO_META = fileURLToPath(new URL('../service/test/fixtures/wordpress/igny8-seo-meta.php', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const ARTICLE = renderArticle([
  { heading: null, level: 2, blocks: [{ type: 'paragraph', text: 'Green tea rewards care.' }] },
  ...['Leaves', 'Water', 'Time', 'Serving'].map((h) => ({ heading: h, level: 2 as const, blocks: [{ type: 'paragraph' as const, text: `${h} matters. `.repeat(40) }] })),
]);

const db = await benchDatabase({ IGNY8_ALLOW_PRIVATE_NETWORK: 'true' });
const wp = await startWordPress({ version: '7.1', muPlugins: [SEO_META] });
try {
  const { deps } = db;
  const app = createApp(deps);
  const engine = createEngine(deps, AI_FUNCTIONS);
  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as any;
  };
  const signup = await call('POST', '/auth/signup', null, { email: `bench-${randomUUID()}@example.com`, password: 'correct horse battery staple', account_name: 'Bench' });
  const token = signup.data.access as string;
  const site = (await call('POST', '/sites', token, { name: 'Bench site', wp_url: wp.url, wp_username: wp.admin.user, wp_app_password: wp.appPassword })).data;
  const sector = (await call('POST', `/sites/${site.id}/sectors`, token, { name: 'Tea' })).data;
  const where = { account_id: signup.data.account.id, site_id: site.id, sector_id: sector.id };
  const images = [gradientPng(1024, 640), gradientPng(1024, 640), gradientPng(1024, 640)];

  async function newContent() {
    const sql = deps.db.owner;
    const [c] = await sql`insert into content ${sql({ ...where, title: `Bench ${randomUUID()}`, meta_title: 'Bench', meta_description: 'Bench.', primary_keyword: 'tea', blocks: ARTICLE.blocks, html: ARTICLE.html, word_count: ARTICLE.wordCount })} returning id`;
    for (const [n, kind] of (['featured', 'in_article', 'in_article'] as const).entries()) {
      const id = randomUUID();
      const key = `${where.account_id}/${id}.png`;
      await deps.files.put(key, images[n]!);
      await sql`insert into images ${sql({ id, ...where, content_id: c!.id, kind, position: n, prompt: 'tea', alt: 'Tea', caption: 'Tea', status: 'generated', storage_key: key, mime_type: 'image/png' })}`;
    }
    return c!.id as string;
  }

  async function publish(contentId: string) {
    const started = performance.now();
    const res = await call('POST', `/writer/content/${contentId}/publish`, token, { status: 'publish' });
    await engine.execute(res.data.run_id);
    const run = (await call('GET', `/ai/runs/${res.data.run_id}`, token)).data;
    if (run.status !== 'succeeded') throw new Error(`publish failed: ${run.error}`);
    return performance.now() - started;
  }

  const auth = `Basic ${Buffer.from(`${wp.admin.user}:${wp.appPassword}`).toString('base64')}`;
  async function direct() {
    const started = performance.now();
    const ids: number[] = [];
    for (const [n, bytes] of images.entries()) {
      const res = await fetch(`${wp.url}/wp-json/wp/v2/media`, { method: 'POST', headers: { authorization: auth, 'content-type': 'image/png', 'content-disposition': `attachment; filename="direct-${n}.png"` }, body: bytes });
      ids.push(((await res.json()) as { id: number }).id);
    }
    const res = await fetch(`${wp.url}/wp-json/wp/v2/posts`, {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Direct', content: ARTICLE.blocks, status: 'publish', featured_media: ids[0] }),
    });
    if (!res.ok) throw new Error(`direct post failed: ${res.status}`);
    return performance.now() - started;
  }

  // One of each first, so that PHP's opcache and the service's code are warm.
  await direct();
  await publish(await newContent());
  const first: number[] = [];
  const again: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(await direct());
    const id = await newContent();
    first.push(await publish(id));
    again.push(await publish(id));
  }
  const b = median(baseline);
  console.log(`publish round trip, 3 images, WordPress ${wp.release}, median of ${RUNS}`);
  console.log(`  direct REST (baseline: 3 uploads + 1 post)   ${seconds(b)}`);
  console.log(`  publish, first time (uploads)                ${seconds(median(first))}  ×${(median(first) / b).toFixed(2)}`);
  console.log(`  publish again (update, nothing uploaded)     ${seconds(median(again))}  ×${(median(again) / b).toFixed(2)}`);
} finally {
  await wp.stop();
  await db.drop();
}
