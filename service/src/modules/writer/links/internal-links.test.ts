import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../test/block-editor';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { writerFunctions } from '../generation';

let svc: TestService;
const fake = useFakeProvider();
let engine: Engine;
let owner: Session;
let editor: Session;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '2000' });
  engine = createEngine(svc.deps, writerFunctions);
  owner = await signup(svc, 'Links');
  await upgradePlan(svc, owner.accountId);
  editor = await userWithRole(svc, owner.accountId, 'editor');
});
afterAll(() => svc.close());

const para = (text: string) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`;
const SUBJECT_MARKUP = [
  para('Green tea is delicate, so the water temperature for tea matters more than the leaf.'),
  '<!-- wp:heading -->\n<h2 class="wp-block-heading">Brewing sencha</h2>\n<!-- /wp:heading -->',
  para('Many readers start by brewing sencha, and brewing sencha twice teaches more.'),
  para('Others swear by matcha health benefits &amp; its ritual.'),
  para('Cold brew tea is another way, for <code>green tea</code> too.'),
  para('Brewing Sencha at home needs a kyusu.'),
].join('\n\n');

/** A site with a cluster whose pillar keyword is "Green Tea", and its articles (written straight to the database). */
async function cluster(opts: { pillarUrl?: string | null; max?: number } = {}) {
  const site = await createSite(svc, owner, opts.max === undefined ? {} : { internal_links_max: opts.max });
  const sector = await createSector(svc, owner, site.id);
  await grantSite(svc, owner, site.id, editor.userId);
  const db = svc.deps.db.owner;
  const [cl] = await db`insert into clusters (account_id, site_id, sector_id, name) values (${owner.accountId}, ${site.id}, ${sector.id}, 'Green tea') returning id`;
  const [kw] = await db`
    insert into keywords (account_id, site_id, sector_id, keyword, normalized, cluster_id)
    values (${owner.accountId}, ${site.id}, ${sector.id}, 'Green Tea', 'green tea', ${cl!.id}) returning id`;
  await db`update clusters set pillar_keyword_id = ${kw!.id} where id = ${cl!.id}`;
  const article = async (title: string, keyword: string, wpUrl: string | null, blocks = para(`${title}.`), inCluster = true) => {
    const [task] = await db`
      insert into tasks (account_id, site_id, sector_id, cluster_id, title, primary_keyword, status)
      values (${owner.accountId}, ${site.id}, ${sector.id}, ${inCluster ? cl!.id : null}, ${title}, ${keyword}, 'completed') returning id`;
    const [row] = await db`
      insert into content (account_id, site_id, sector_id, task_id, title, primary_keyword, blocks, wp_url, published_at, status)
      values (${owner.accountId}, ${site.id}, ${sector.id}, ${task!.id}, ${title}, ${keyword}, ${blocks}, ${wpUrl},
              ${wpUrl ? new Date() : null}, ${wpUrl ? 'published' : 'draft'}) returning id`;
    return { id: row!.id as string, task: task!.id as string, url: wpUrl };
  };
  const pillar = await article('The Complete Guide to Green Tea', 'green tea', opts.pillarUrl === undefined ? 'https://blog.example.com/green-tea/' : opts.pillarUrl);
  const sencha = await article('Brewing Sencha at Home', 'brewing sencha', 'https://blog.example.com/sencha/');
  const matcha = await article('Matcha Health Benefits', 'matcha health benefits', 'https://blog.example.com/matcha/?ref=1&x=2');
  const coldBrew = await article('Cold Brew Tea Recipes', 'cold brew tea', null);
  const elsewhere = await article('Cold Brew Tea Elsewhere', 'cold brew tea', 'https://blog.example.com/other/', undefined, false);
  const subject = await article('Water Temperature for Tea', 'water temperature for tea', 'https://blog.example.com/temperature/', SUBJECT_MARKUP);
  return { site, sector, cluster: cl!.id as string, pillar, sencha, matcha, coldBrew, elsewhere, subject };
}

const place = (s: Session, id: string) => svc.call('POST', `/writer/content/${id}/internal-links`, { token: s.token });
const hrefs = (blocks: string) => [...blocks.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

// First: the block editor check below installs browser globals for good, and the provider SDK
// refuses to run where it sees a browser.
describe('internal links of a generated article', () => {
  it('places the links when an article of the cluster is generated', async () => {
    const c = await cluster();
    await svc.call('PUT', '/system/integrations/openai', { token: owner.token, body: { api_key: 'sk-links', base_url: fake.openaiBaseUrl } });
    const [task] = await svc.deps.db.owner`
      insert into tasks (account_id, site_id, sector_id, cluster_id, title, primary_keyword)
      values (${owner.accountId}, ${c.site.id}, ${c.sector.id}, ${c.cluster}, 'Green tea for beginners', 'green tea beginners') returning id`;
    fake.onChat('content_outline', () => ({
      title: 'Green tea beginners guide', meta_title: 'Green tea beginners', meta_description: 'Start with green tea.', excerpt: 'Start here.',
      sections: [{ heading: 'Where to start', level: 2, notes: '' }], faq: [],
    }));
    fake.onChat('content_section', () => ({ blocks: [{ type: 'paragraph', text: 'Beginners often start with green tea bags, then move to brewing sencha.' }] }));
    const res = await svc.call('POST', '/writer/tasks/generate-content', { token: owner.token, body: { task_ids: [task!.id] } });
    expect(res.status).toBe(202);
    await engine.execute(res.body.data.run_id);
    const run = (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: owner.token })).body.data;
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const content = (await svc.call('GET', `/writer/content/${run.result.items[0].content_id}`, { token: owner.token })).body.data;
    expect(content.internal_links.map((l: any) => [l.kind, l.target_content_id, l.anchor])).toEqual([
      ['pillar', c.pillar.id, 'green tea'],
      ['sibling', c.sencha.id, 'brewing sencha'],
    ]);
    expect(content.blocks).toContain('Beginners often start with <a href="https://blog.example.com/green-tea/">green tea</a> bags');
    // The regular text is what generation checked: it passes the writer's own markup check too.
    expect((await svc.call('PATCH', `/writer/content/${content.id}`, { token: owner.token, body: { blocks: content.blocks } })).status).toBe(200);
  }, 60_000);
});

describe('internal links', () => {
  it('links the pillar and the published siblings with natural anchors, never itself nor an unpublished article, in valid blocks', async () => {
    const c = await cluster({ max: 5 });
    const res = await place(editor, c.subject.id);
    expect(res.status).toBe(200);
    const content = res.body.data;
    expect(content.internal_links).toEqual([
      { target_content_id: c.pillar.id, target_title: 'The Complete Guide to Green Tea', kind: 'pillar', status: 'linked', url: c.pillar.url, anchor: 'Green tea' },
      expect.objectContaining({ target_content_id: expect.any(String), kind: 'sibling', status: 'linked' }),
      expect.objectContaining({ kind: 'sibling', status: 'linked' }),
    ]);
    const byTarget = Object.fromEntries(content.internal_links.map((l: any) => [l.target_content_id, l]));
    expect(byTarget[c.sencha.id]).toMatchObject({ url: c.sencha.url, anchor: 'brewing sencha' });
    expect(byTarget[c.matcha.id]).toMatchObject({ url: c.matcha.url, anchor: 'matcha health benefits' });
    // Each link sits in the text, on the words of the article, once per target.
    expect(content.blocks).toContain(`<a href="${c.pillar.url}">Green tea</a> is delicate`);
    expect(content.blocks).toContain('by <a href="https://blog.example.com/sencha/">brewing sencha</a>, and brewing sencha twice');
    expect(content.blocks).toContain('<a href="https://blog.example.com/matcha/?ref=1&amp;x=2">matcha health benefits</a> &amp; its ritual');
    expect(content.html).toContain(`<a href="${c.pillar.url}">Green tea</a>`);
    expect(hrefs(content.blocks).sort()).toEqual([c.pillar.url, c.sencha.url, c.matcha.url].sort());
    // Not to itself, not to the unpublished sibling, not to an article of another cluster; headings and code keep no link.
    expect(hrefs(content.blocks)).not.toContain(c.subject.url);
    expect(content.blocks).toContain('<h2 class="wp-block-heading">Brewing sencha</h2>');
    expect(content.blocks).toContain('Cold brew tea is another way, for <code>green tea</code> too.');
    expect(content.blocks).not.toMatch(/click here/i);
    const check = await checkBlocks(content.blocks);
    expect(check.invalid).toEqual([]);
    expect(check.blocks).toBe(6);
  }, 180_000);

  it('places at most the site’s number of links, the pillar first, and none when it is 0', async () => {
    const two = await cluster({ max: 2 });
    const res = await place(owner, two.subject.id);
    expect(res.body.data.internal_links.map((l: any) => l.kind)).toEqual(['pillar', 'sibling']);
    expect(hrefs(res.body.data.blocks)).toHaveLength(2);
    expect(hrefs(res.body.data.blocks)[0]).toBe(two.pillar.url);

    const none = await cluster({ max: 0 });
    const off = await place(owner, none.subject.id);
    expect(off.body.data.internal_links).toEqual([]);
    expect(hrefs(off.body.data.blocks)).toEqual([]);
  });

  it('gives the same text when placed again, with no second revision; a lower cap takes the extra links out', async () => {
    const c = await cluster({ max: 3 });
    const first = (await place(editor, c.subject.id)).body.data;
    const again = (await place(editor, c.subject.id)).body.data;
    expect(again.blocks).toBe(first.blocks);
    expect(again.internal_links).toEqual(first.internal_links);
    expect(again.updated_at).toBe(first.updated_at);
    const revisions = (await svc.call('GET', `/writer/content/${c.subject.id}/revisions`, { token: editor.token })).body.results;
    expect(revisions.map((r: any) => r.reason)).toEqual(['internal_links']);
    expect(revisions[0].blocks).toBe(SUBJECT_MARKUP);

    await svc.call('PATCH', `/sites/${c.site.id}`, { token: owner.token, body: { internal_links_max: 1 } });
    const fewer = (await place(editor, c.subject.id)).body.data;
    expect(hrefs(fewer.blocks)).toEqual([c.pillar.url]);
    expect(fewer.blocks).not.toContain('sencha/');
    expect(fewer.blocks).toContain('by brewing sencha, and');
  });

  it('lists an unpublished pillar as pending with no link, and changes nothing when it is published until links are placed again', async () => {
    const c = await cluster({ pillarUrl: null });
    const first = (await place(owner, c.subject.id)).body.data;
    expect(first.internal_links[0]).toEqual({
      target_content_id: c.pillar.id, target_title: 'The Complete Guide to Green Tea', kind: 'pillar', status: 'pending', url: null, anchor: null,
    });
    expect(first.blocks).not.toMatch(/href=""|href="null"|href="undefined"/);
    expect(first.blocks).toContain('Green tea is delicate');
    expect(first.internal_links.filter((l: any) => l.status === 'linked')).toHaveLength(2);

    // The pillar is published: the article says what it links to, as before.
    await svc.deps.db.owner`update content set wp_url = 'https://blog.example.com/green-tea/', status = 'published' where id = ${c.pillar.id}`;
    const later = (await svc.call('GET', `/writer/content/${c.subject.id}`, { token: owner.token })).body.data;
    expect(later.blocks).toBe(first.blocks);
    expect(later.internal_links).toEqual(first.internal_links);

    const placed = (await place(owner, c.subject.id)).body.data;
    expect(placed.internal_links[0]).toMatchObject({ kind: 'pillar', status: 'linked', anchor: 'Green tea' });
    expect(placed.blocks).toContain('<a href="https://blog.example.com/green-tea/">Green tea</a>');
  });

  it('links the pillar to its siblings only, and says when no phrase fits the pillar', async () => {
    const c = await cluster();
    const pillarText = [para('Sencha is one of many teas; brewing sencha well is an art.'), para('Matcha Health Benefits are many.')].join('\n\n');
    await svc.deps.db.owner`update content set blocks = ${pillarText} where id = ${c.pillar.id}`;
    const pillar = (await place(owner, c.pillar.id)).body.data;
    expect(pillar.internal_links.map((l: any) => [l.kind, l.target_content_id])).toEqual([['sibling', c.matcha.id], ['sibling', c.sencha.id]]);
    expect(hrefs(pillar.blocks)).not.toContain(c.pillar.url);

    await svc.deps.db.owner`update content set blocks = ${para('Nothing about the topic here.')} where id = ${c.sencha.id}`;
    const sencha = (await place(owner, c.sencha.id)).body.data;
    expect(sencha.internal_links).toEqual([expect.objectContaining({ target_content_id: c.pillar.id, kind: 'pillar', status: 'no_anchor', anchor: null })]);
    expect(hrefs(sencha.blocks)).toEqual([]);
  });

  it('sends approved content back to review when new links change its text on a site that requires approval', async () => {
    const c = await cluster();
    await svc.call('PATCH', `/sites/${c.site.id}`, { token: owner.token, body: { require_approval: true } });
    await svc.deps.db.owner`update content set status = 'approved', approved_at = now() where id = ${c.subject.id}`;
    const res = await place(editor, c.subject.id);
    expect(res.body.data).toMatchObject({ status: 'review', approved_at: null });
  });

  it('answers 409 when the text holds a block the writer does not produce, and leaves it as it was', async () => {
    const c = await cluster();
    const foreign = `${para('Green tea is delicate.')}\n\n<!-- wp:html -->\n<div>Green tea</div>\n<!-- /wp:html -->`;
    await svc.deps.db.owner`update content set blocks = ${foreign} where id = ${c.subject.id}`;
    const res = await place(owner, c.subject.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/blocks the writer does not produce/);
    const [row] = await svc.deps.db.owner`select blocks, internal_links from content where id = ${c.subject.id}`;
    expect(row).toEqual({ blocks: foreign, internal_links: [] });
  });

  it('answers 404 for another account’s content and leaves it as it was', async () => {
    const c = await cluster();
    const stranger = await signup(svc, 'Stranger');
    expect((await place(stranger, c.subject.id)).status).toBe(404);
    const [row] = await svc.deps.db.owner`select blocks, internal_links from content where id = ${c.subject.id}`;
    expect(row).toEqual({ blocks: SUBJECT_MARKUP, internal_links: [] });
  });

});
