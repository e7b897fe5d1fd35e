import type { InternalLink } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import { notFound } from '../../../http/errors';
import { renderArticle } from '../blocks/markup';
import { BlockMarkupError, readSections } from '../blocks/parse';
import { placeLinks, type LinkTarget } from './anchors';
import * as q from './queries';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
// Only a web address becomes a link: anything else would be dropped by the inline sanitizer.
const linkable = (url: string | null): url is string => url !== null && /^https?:\/\/\S+$/i.test(url);

/**
 * The targets of an article's links: the cluster's pillar article (the oldest article whose
 * task's primary keyword is the cluster's pillar keyword), then the published siblings; never
 * the article itself. A pillar not published yet is returned apart: it is listed, not linked.
 */
async function targetsOf(tx: Tx, subject: q.LinkSubject) {
  if (!subject.cluster_id) return { targets: [], pendingPillar: null };
  const articles = await q.clusterArticles(tx, subject.cluster_id);
  const keyword = subject.pillar_keyword;
  const pillar = keyword
    ? articles.filter((a) => same(a.task_keyword, keyword)).sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id))[0] ?? null
    : null;
  const target = (a: q.ClusterArticle, kind: LinkTarget['kind'], url: string): LinkTarget => ({ id: a.id, title: a.title, primaryKeyword: a.primary_keyword, url, kind });
  const targets: LinkTarget[] = [];
  let pendingPillar: InternalLink | null = null;
  if (pillar && pillar.id !== subject.id) {
    if (linkable(pillar.wp_url)) targets.push(target(pillar, 'pillar', pillar.wp_url));
    else pendingPillar = { target_content_id: pillar.id, target_title: pillar.title, kind: 'pillar', status: 'pending', url: null, anchor: null };
  }
  for (const a of articles) {
    if (a.id !== subject.id && a.id !== pillar?.id && linkable(a.wp_url)) targets.push(target(a, 'sibling', a.wp_url));
  }
  return { targets, pendingPillar };
}

/**
 * The article's text with its internal links placed afresh, and their list; null when the text
 * holds blocks the writer does not produce (links are placed only in text it can read back).
 * Placing again gives the same text when nothing in the cluster changed: the links placed last
 * time are taken out before the current targets are linked.
 */
export async function linkedText(tx: Tx, contentId: string) {
  const subject = await q.linkSubject(tx, contentId);
  if (!subject) throw notFound('Content');
  const { targets, pendingPillar } = await targetsOf(tx, subject);
  let sections;
  try {
    sections = readSections(subject.blocks);
  } catch (err) {
    if (err instanceof BlockMarkupError) return null;
    throw err;
  }
  const previous = new Set(subject.internal_links.flatMap((l) => (l.status === 'linked' && l.url ? [l.url] : [])));
  const max = subject.internal_links_max;
  const placed = placeLinks(sections, { previous, targets: max > 0 ? targets : [], max, ownKeyword: subject.primary_keyword });
  const { blocks, html, wordCount } = renderArticle(placed.sections);
  const internal_links = max > 0 && pendingPillar ? [pendingPillar, ...placed.links] : placed.links;
  return { before: subject.blocks, blocks, html, word_count: wordCount, internal_links };
}

/**
 * Places a freshly written article's internal links and saves them with its text (no revision:
 * the text is new). An article whose text cannot be read back keeps it as it is, without links.
 */
export async function placeInternalLinks(tx: Tx, contentId: string) {
  const linked = await linkedText(tx, contentId);
  if (!linked) return;
  const { before: _before, ...set } = linked;
  await q.saveLinks(tx, contentId, set);
}
