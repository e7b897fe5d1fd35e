/**
 * Which review steps a user may take on an article, by its status and the user's WordPress
 * capabilities (the service maps administrators to its admins, who approve; editors and authors
 * to its editors, who submit). The service decides in the end; the screen offers only what it
 * would allow.
 */
import type { UserCan } from '../../common/config';
import type { ContentStatus } from '../../common/types';

export type ReviewStep = 'submit' | 'approve' | 'reject';

/** The status each step leaves the article in. */
export const STEP_STATUS: Record<ReviewStep, 'review' | 'approved' | 'draft'> = { submit: 'review', approve: 'approved', reject: 'draft' };

export function reviewSteps(status: ContentStatus, can: UserCan): ReviewStep[] {
  const steps: ReviewStep[] = [];
  if (can.edit_posts && (status === 'draft' || status === 'failed')) steps.push('submit');
  if (can.manage_options && (status === 'draft' || status === 'review')) steps.push('approve');
  if (can.manage_options && (status === 'review' || status === 'approved')) steps.push('reject');
  return steps;
}

/** Publishing needs WordPress's publish_posts (the proxy checks it too) and an article that is not failed. */
export const canPublish = (status: ContentStatus, can: UserCan) => can.publish_posts && status !== 'failed';
