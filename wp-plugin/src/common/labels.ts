/**
 * The words the screens show for the service's values. Each map is keyed by the shared type, so a
 * value the service adds fails the type check here until it has a label; the keys are also the
 * filter choices.
 */
import { __ } from '@wordpress/i18n';
import type { ContentStatus, ContentType, Granularity, IdeaStatus, ImageKind, ImageStatus, ImageStyle, Intent, KeywordStatus, TaskStatus } from './types';

export const INTENT_LABELS: Record<Intent, string> = {
  informational: __('Informational', 'igny8'),
  navigational: __('Navigational', 'igny8'),
  commercial: __('Commercial', 'igny8'),
  transactional: __('Transactional', 'igny8'),
};

export const KEYWORD_STATUS_LABELS: Record<KeywordStatus, string> = {
  new: __('New', 'igny8'),
  clustered: __('Clustered', 'igny8'),
  archived: __('Archived', 'igny8'),
};

export const IDEA_STATUS_LABELS: Record<IdeaStatus, string> = {
  new: __('New', 'igny8'),
  scheduled: __('Tasks created', 'igny8'),
  archived: __('Archived', 'igny8'),
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  queued: __('Queued', 'igny8'),
  in_progress: __('Writing', 'igny8'),
  completed: __('Written', 'igny8'),
  failed: __('Failed', 'igny8'),
};

export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = {
  draft: __('Draft', 'igny8'),
  review: __('In review', 'igny8'),
  approved: __('Approved', 'igny8'),
  published: __('Published', 'igny8'),
  failed: __('Failed', 'igny8'),
};

export const CONTENT_TYPE_LABELS: Record<ContentType, string> = {
  guide: __('Guide', 'igny8'),
  listicle: __('List article', 'igny8'),
  comparison: __('Comparison', 'igny8'),
  how_to: __('How-to', 'igny8'),
  review: __('Review', 'igny8'),
  explainer: __('Explainer', 'igny8'),
  case_study: __('Case study', 'igny8'),
  news: __('News', 'igny8'),
  landing_page: __('Landing page', 'igny8'),
};

export const GRANULARITY_LABELS: Record<Granularity, string> = {
  broad: __('Broad — fewer, larger clusters', 'igny8'),
  balanced: __('Balanced', 'igny8'),
  tight: __('Tight — more, smaller clusters', 'igny8'),
};

/** DataViews choices from a label map. */
export const elementsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** A number as the user's locale writes it; a dash for none. */
export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString());

export const IMAGE_STATUS_LABELS: Record<ImageStatus, string> = {
  pending: __('To generate', 'igny8'),
  generated: __('Generated', 'igny8'),
  failed: __('Failed', 'igny8'),
};

export const IMAGE_KIND_LABELS: Record<ImageKind, string> = {
  featured: __('Featured', 'igny8'),
  in_article: __('In the article', 'igny8'),
};

export const IMAGE_STYLE_LABELS: Record<ImageStyle, string> = {
  realistic: __('Realistic', 'igny8'),
  artistic: __('Artistic', 'igny8'),
  cartoon: __('Cartoon', 'igny8'),
};
