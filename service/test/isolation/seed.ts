import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { API_PREFIX } from '../../src/app';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../factories';
import type { TestService } from '../service';
import { connectedSite, signRequest } from '../site-signer';
import type { Ids, Req } from './cases-types';

type UserRole = 'owner' | 'admin' | 'editor' | 'viewer';
export type SignedSite = Awaited<ReturnType<typeof connectedSite>>;
export type Account = { ids: Ids; sessions: Record<UserRole, Session>; site: SignedSite; secrets: string[] };

/**
 * An account with one user per role, a site (granted to its editor and viewer) with a sector, and
 * one object of every kind the planner, the AI log and the thinker hold; its OpenAI settings carry
 * a key and its generate_ideas prompt an override of its own.
 */
export async function seedAccount(svc: TestService, label: string): Promise<Account> {
  const owner = await signup(svc, `${label} ${randomUUID()}`);
  await upgradePlan(svc, owner.accountId);
  const admin = await userWithRole(svc, owner.accountId, 'admin');
  const editor = await userWithRole(svc, owner.accountId, 'editor');
  const viewer = await userWithRole(svc, owner.accountId, 'viewer');
  const site = await createSite(svc, owner, { name: `${label} site ${randomUUID()}`, wp_url: `https://${label.toLowerCase()}.example.com`, wp_username: 'wp-admin', wp_app_password: `${label}-app-password` });
  const sector = await createSector(svc, owner, site.id, { name: `${label} sector ${randomUUID()}` });
  for (const u of [editor, viewer]) await grantSite(svc, owner, site.id, u.userId);
  const me = await svc.call('GET', '/auth/me', { token: owner.token });
  const made = async (method: string, path: string, body: unknown, status = 201) => {
    const res = await svc.call(method, path, { token: owner.token, body });
    expect(res.status, `${label}: ${method} ${path} → ${res.text}`).toBe(status);
    return res.body.data;
  };

  const words = [`${label} keyword ${randomUUID()}`, `${label} other keyword ${randomUUID()}`];
  const keywords = await made('POST', '/planner/keywords', words.map((keyword, i) => ({ sector_id: sector.id, keyword, volume: 100 + i })));
  // Clusters, ideas, tasks and runs come from AI runs; the rows stand in for what one would leave.
  const db = svc.deps.db.owner;
  const where = { account_id: owner.accountId, site_id: site.id, sector_id: sector.id };
  const clusterName = `${label} cluster ${randomUUID()}`;
  const [cluster] = await db`insert into clusters ${db({ ...where, name: clusterName, source: 'manual', pillar_keyword_id: keywords[0].id })} returning id`;
  await db`update keywords set cluster_id = ${cluster!.id}, status = 'clustered', cluster_locked = true where id = ${keywords[0].id}`;
  const ideaTitle = `${label} idea ${randomUUID()}`;
  const [idea] = await db`insert into content_ideas ${db({ ...where, cluster_id: cluster!.id, title: ideaTitle, target_keyword: words[0]! })} returning id`;
  const taskTitle = `${label} task ${randomUUID()}`;
  const [task] = await db`insert into tasks ${db({ ...where, idea_id: idea!.id, cluster_id: cluster!.id, title: taskTitle, created_by: owner.userId })} returning id`;
  const runResult = `${label} run result ${randomUUID()}`;
  const [run] = await db`
    insert into ai_runs ${db({
      ...where, function: 'auto_cluster', input_hash: randomUUID(), payload: db.json({ sector_id: sector.id }), status: 'succeeded', phase: 'DONE',
      progress: 100, message: runResult, result: db.json({ clusters: 1 }), created_by: owner.userId, finished_at: new Date(),
    })} returning id`;
  const contentTitle = `${label} article ${randomUUID()}`;
  const [content] = await db`insert into content ${db({ ...where, task_id: task!.id, title: contentTitle })} returning id`;
  const imagePrompt = `${label} image prompt ${randomUUID()}`;
  const [image] = await db`
    insert into images ${db({ ...where, content_id: content!.id, kind: 'featured', prompt: imagePrompt, alt: `${label} alt`, status: 'generated', storage_key: `${owner.accountId}/${label}.webp`, mime_type: 'image/webp', width: 1, height: 1, bytes: 5 })}
    returning id`;
  const imageBytes = `${label} image bytes ${randomUUID()}`;
  await svc.deps.files.put(`${owner.accountId}/${label}.webp`, Buffer.from(imageBytes));
  const [featuredRun] = await db`
    insert into ai_runs ${db({
      ...where, function: 'assist', input_hash: randomUUID(), payload: db.json({}), status: 'succeeded', phase: 'DONE', progress: 100,
      result: db.json({ kind: 'featured_image', mime_type: 'image/webp', width: 1, height: 1, alt: `${label} featured alt`, caption: '', prompt: '' }), created_by: owner.userId, finished_at: new Date(),
    })} returning id`;
  const featuredBytes = `${label} featured bytes ${randomUUID()}`;
  await svc.deps.files.put(`${owner.accountId}/assist/${featuredRun!.id}.webp`, Buffer.from(featuredBytes));
  const [keywordImport] = await db`
    insert into keyword_imports ${db({ ...where, created_by: owner.userId, status: 'succeeded', bytes: 100, rows_read: 1, rows_good: 1, result: db.json({ created: 1 }) })} returning id`;

  const profile = await made('POST', '/thinker/author-profiles', { name: `${label} author ${randomUUID()}`, tone: `${label} tone` });
  const strategy = await made('POST', '/thinker/strategies', { name: `${label} strategy ${randomUUID()}`, site_id: site.id, sector_id: sector.id });
  const promptMarker = `${label} prompt ${randomUUID()}`;
  const prompt = await made('GET', '/thinker/prompts/generate_ideas', undefined, 200);
  await made('PUT', '/thinker/prompts/generate_ideas', { template: `${prompt.default_template}\n${promptMarker}` }, 200);
  // A closed loopback port: a connection test of these settings fails at once, without leaving the host.
  const apiKey = `sk-${label}-${randomUUID()}`;
  const baseUrl = `http://127.0.0.1:1/${label.toLowerCase()}-v1`;
  await made('PUT', '/system/integrations/openai', { api_key: apiKey, base_url: baseUrl }, 200);

  const ids: Ids = {
    account: owner.accountId, owner: owner.userId, admin: admin.userId, editor: editor.userId, viewer: viewer.userId, site: site.id, sector: sector.id,
    keyword: keywords[0].id, cluster: cluster!.id, idea: idea!.id, task: task!.id, content: content!.id, image: image!.id, run: run!.id, featuredRun: featuredRun!.id, keywordImport: keywordImport!.id, authorProfile: profile.id, strategy: strategy.id,
  };
  // Everything that would give the account's data away if it showed up in another account's answers.
  const secrets = [
    ...Object.values(ids), owner.email, admin.email, editor.email, viewer.email, me.body.data.account.name, site.name, sector.name, `${label}-app-password`,
    ...words, keywords[1].id, clusterName, ideaTitle, taskTitle, contentTitle, imagePrompt, imageBytes, featuredBytes, runResult, profile.name, strategy.name, promptMarker, apiKey, baseUrl,
  ];
  return { ids, sessions: { owner, admin, editor, viewer }, site: await connectedSite(svc, owner.token, site.id), secrets };
}

/** Ids of every kind that exist in no account. */
export const ghostIds = (): Ids => ({
  account: randomUUID(), owner: randomUUID(), admin: randomUUID(), editor: randomUUID(), viewer: randomUUID(), site: randomUUID(), sector: randomUUID(),
  keyword: randomUUID(), cluster: randomUUID(), idea: randomUUID(), task: randomUUID(), content: randomUUID(), image: randomUUID(), run: randomUUID(), featuredRun: randomUUID(), keywordImport: randomUUID(), authorProfile: randomUUID(), strategy: randomUUID(),
});

/** Sends a case's request as a user (Bearer) or as a signed WordPress site. */
export async function send(svc: TestService, s: Session | SignedSite, r: Req) {
  const body = r.body === undefined ? {} : { body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
  if ('token' in s) return svc.call(r.method, r.path, { token: s.token, ...body, ...(r.headers ? { headers: r.headers } : {}) });
  const jws = await signRequest(s.id, s.privateKey, { method: r.method, target: `${API_PREFIX}${r.path}`, ...body });
  return svc.call(r.method, r.path, { ...body, headers: { 'content-type': 'application/json', ...r.headers, authorization: `IGNY8-Site ${jws}` } });
}
