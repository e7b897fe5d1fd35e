import type { Role } from '@igny8/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { connectedSite, signedCall } from '../../../../test/site-signer';

let svc: TestService;
let owner: Session;
let site: { id: string };
let sector: { id: string };
const members = {} as Record<'owner' | 'admin' | 'editor' | 'viewer', Session>;

const MARKUP = '<!-- wp:paragraph -->\n<p>Green tea, brewed well.</p>\n<!-- /wp:paragraph -->';
const EDITED = '<!-- wp:paragraph -->\n<p>Green tea, brewed better.</p>\n<!-- /wp:paragraph -->';

/** A piece of content in `status`, as generation would have left it (written straight to the database). */
async function content(status = 'draft', siteId = site.id, sectorId = sector.id): Promise<string> {
  const [row] = await svc.deps.db.owner`
    insert into content (account_id, site_id, sector_id, title, blocks, html, word_count, status)
    values (${owner.accountId}, ${siteId}, ${sectorId}, 'Green tea', ${MARKUP}, '<p>Green tea, brewed well.</p>', 4, ${status})
    returning id`;
  return row!.id as string;
}
const stored = async (id: string) => (await svc.deps.db.owner`select status, approved_by, approved_at, review_note, blocks from content where id = ${id}`)[0]!;
const post = (s: Session, id: string, step: string, body?: unknown) => svc.call('POST', `/writer/content/${id}/${step}`, { token: s.token, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Reviews');
  await upgradePlan(svc, owner.accountId);
  site = await createSite(svc, owner);
  sector = await createSector(svc, owner, site.id);
  members.owner = owner;
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    members[role] = await userWithRole(svc, owner.accountId, role);
    if (role !== 'admin') await grantSite(svc, owner, site.id, members[role].userId);
  }
});
afterAll(() => svc.close());

describe('review steps per role', () => {
  // Who may take each step (from a status it starts from), as the product's permission table has it.
  const MATRIX: { step: string; from: string; to: string; allowed: Role[] }[] = [
    { step: 'submit', from: 'draft', to: 'review', allowed: ['owner', 'admin', 'editor'] },
    { step: 'approve', from: 'review', to: 'approved', allowed: ['owner', 'admin'] },
    { step: 'reject', from: 'review', to: 'draft', allowed: ['owner', 'admin'] },
    { step: 'reject', from: 'approved', to: 'draft', allowed: ['owner', 'admin'] },
  ];

  it.each(MATRIX)('$step ($from → $to): allowed for $allowed, 403 and nothing changed for the others', async ({ step, from, to, allowed }) => {
    const outcome: Record<string, number> = {};
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const id = await content(from);
      const before = await stored(id);
      const res = await post(members[role], id, step, step === 'reject' ? { note: 'Cite a source for the temperatures.' } : undefined);
      outcome[role] = res.status;
      const after = await stored(id);
      if (res.status !== 200) {
        expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
        expect(after).toEqual(before);
        continue;
      }
      expect(res.body.data.status).toBe(to);
      expect(after.status).toBe(to);
      if (step === 'approve') {
        expect(res.body.data.approved_by).toBe(members[role].userId);
        expect(Date.now() - new Date(res.body.data.approved_at).getTime()).toBeLessThan(60_000);
      } else {
        expect(after.approved_by).toBeNull();
        expect(after.approved_at).toBeNull();
      }
      if (step === 'reject') expect(res.body.data.review_note).toBe('Cite a source for the temperatures.');
    }
    expect(outcome).toEqual(Object.fromEntries((['owner', 'admin', 'editor', 'viewer'] as const).map((r) => [r, allowed.includes(r) ? 200 : 403])));
  });

  it('keeps a PATCH of status to the same rules: an editor cannot approve that way, a viewer cannot submit', async () => {
    const id = await content('review');
    const byEditor = await svc.call('PATCH', `/writer/content/${id}`, { token: members.editor.token, body: { status: 'approved' } });
    expect(byEditor.status).toBe(403);
    expect((await stored(id)).status).toBe('review');
    const draft = await content('draft');
    expect((await svc.call('PATCH', `/writer/content/${draft}`, { token: members.viewer.token, body: { status: 'review' } })).status).toBe(403);
    expect((await stored(draft)).status).toBe('draft');
    const byAdmin = await svc.call('PATCH', `/writer/content/${id}`, { token: members.admin.token, body: { status: 'approved' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ status: 'approved', approved_by: members.admin.userId });
  });

  it('lets viewers read content but not edit it', async () => {
    const id = await content('draft');
    expect((await svc.call('GET', `/writer/content/${id}`, { token: members.viewer.token })).status).toBe(200);
    const edit = await svc.call('PATCH', `/writer/content/${id}`, { token: members.viewer.token, body: { title: 'Mine now' } });
    expect(edit.status).toBe(403);
    expect((await svc.call('POST', `/writer/content/${id}/internal-links`, { token: members.viewer.token })).status).toBe(403);
  });

  it('answers a step that does not start from the status with 409 and says why; a repeated step changes nothing', async () => {
    const published = await content('published');
    const res = await post(owner, published, 'approve');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ success: false, code: 'conflict' });
    expect(res.body.error).toMatch(/Published content cannot be approved/);
    expect((await stored(published)).status).toBe('published');

    const approved = await content('approved');
    const submit = await post(members.editor, approved, 'submit');
    expect(submit.status).toBe(409);
    expect(submit.body.error).toMatch(/must be draft or failed/);

    const id = await content('draft');
    const first = await post(owner, id, 'approve');
    const again = await post(members.admin, id, 'approve');
    expect(again.status).toBe(200);
    // The first approval stands: a second click is not a second approval.
    expect(again.body.data.approved_by).toBe(owner.userId);
    expect(again.body.data.approved_at).toBe(first.body.data.approved_at);
  });

  it('refuses a malformed note and an unknown field with 400, and 404 for another account’s content', async () => {
    const id = await content('review');
    expect((await post(owner, id, 'reject', { note: 'x'.repeat(2001) })).status).toBe(400);
    expect((await post(owner, id, 'reject', { reason: 'no' })).status).toBe(400);
    expect((await stored(id)).status).toBe('review');
    const stranger = await signup(svc, 'Elsewhere');
    expect((await post(stranger, id, 'approve')).status).toBe(404);
    expect((await stored(id)).status).toBe('review');
    // Without a body, a rejection has no note.
    const res = await post(owner, id, 'reject');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'draft', review_note: '' });
  });

  it('lets a signed site act with the role its WordPress user maps to', async () => {
    const signed = await connectedSite(svc, owner.token, site.id);
    const id = await content('review');
    const asAuthor = await signedCall(svc, signed, 'POST', `/writer/content/${id}/approve`, { sign: { wpRole: 'author' } });
    expect(asAuthor.status).toBe(403);
    expect((await stored(id)).status).toBe('review');
    const asAdministrator = await signedCall(svc, signed, 'POST', `/writer/content/${id}/approve`, { sign: { wpRole: 'administrator' } });
    expect(asAdministrator.status).toBe(200);
    // A site has no IGNY8 user: the approval is recorded with its time, not a user.
    expect(asAdministrator.body.data).toMatchObject({ status: 'approved', approved_by: null });
    expect(asAdministrator.body.data.approved_at).not.toBeNull();
  });
});

describe('require approval', () => {
  it('is a site setting that owners and admins read and set, and editors cannot', async () => {
    const other = await createSite(svc, owner);
    expect(other).toMatchObject({ require_approval: false, internal_links_max: 3 });
    const set = await svc.call('PATCH', `/sites/${other.id}`, { token: members.admin.token, body: { require_approval: true, internal_links_max: 5 } });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ require_approval: true, internal_links_max: 5 });
    expect((await svc.call('GET', `/sites/${other.id}`, { token: owner.token })).body.data).toMatchObject({ require_approval: true, internal_links_max: 5 });
    await grantSite(svc, owner, other.id, members.editor.userId);
    expect((await svc.call('PATCH', `/sites/${other.id}`, { token: members.editor.token, body: { require_approval: false } })).status).toBe(403);
    for (const bad of [{ internal_links_max: 21 }, { internal_links_max: -1 }, { internal_links_max: 2.5 }, { require_approval: 'yes' }]) {
      const res = await svc.call('PATCH', `/sites/${other.id}`, { token: owner.token, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.code).toBe('invalid_input');
    }
    expect((await svc.call('GET', `/sites/${other.id}`, { token: owner.token })).body.data).toMatchObject({ require_approval: true, internal_links_max: 5 });
  });

  it('keeps content unapproved until an owner or admin approves, and sends edited approved content back to review with a revision', async () => {
    const strict = await createSite(svc, owner, { require_approval: true });
    const strictSector = await createSector(svc, owner, strict.id);
    await grantSite(svc, owner, strict.id, members.editor.userId);
    const id = await content('draft', strict.id, strictSector.id);

    expect((await post(members.editor, id, 'submit')).body.data.status).toBe('review');
    expect((await post(members.editor, id, 'approve')).status).toBe(403);
    expect((await stored(id)).status).toBe('review');
    expect((await post(owner, id, 'approve')).body.data.status).toBe('approved');

    // The editor changes the approved text: the approval was for what the owner read.
    const edit = await svc.call('PATCH', `/writer/content/${id}`, { token: members.editor.token, body: { blocks: EDITED } });
    expect(edit.status).toBe(200);
    expect(edit.body.data).toMatchObject({ status: 'review', approved_by: null, approved_at: null });
    expect(edit.body.data.blocks).toContain('brewed better');
    const revisions = (await svc.call('GET', `/writer/content/${id}/revisions`, { token: members.editor.token })).body.results;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ reason: 'edit', created_by: members.editor.userId });
    expect(revisions[0].blocks).toContain('brewed well');

    // The owner approves the new text in the same request as a last edit.
    const approved = await svc.call('PATCH', `/writer/content/${id}`, { token: owner.token, body: { meta_title: 'Green tea', status: 'approved' } });
    expect(approved.body.data).toMatchObject({ status: 'approved', approved_by: owner.userId, meta_title: 'Green tea' });
    // A change that is not of the text (its keywords) leaves the approval alone.
    const keywords = await svc.call('PATCH', `/writer/content/${id}`, { token: members.editor.token, body: { secondary_keywords: ['sencha'] } });
    expect(keywords.body.data.status).toBe('approved');
  });

  it('leaves approved content approved after an edit on a site that does not require approval', async () => {
    const id = await content('approved');
    const edit = await svc.call('PATCH', `/writer/content/${id}`, { token: members.editor.token, body: { title: 'Green tea, again' } });
    expect(edit.status).toBe(200);
    expect(edit.body.data.status).toBe('approved');
  });
});
