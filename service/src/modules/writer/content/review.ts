import type { ContentStatus, Permission } from '@igny8/shared';

export type ReviewAction = 'submit' | 'approve' | 'reject';

/**
 * The review steps: writers submit drafts for review; owners and admins approve (a draft too, when
 * they wrote it themselves) or send back to draft with a note. Published content changes only by
 * publishing again. `failed` is where a failed publish leaves content: it may be submitted or
 * approved again.
 */
export const REVIEW_STEPS: Record<ReviewAction, { from: readonly ContentStatus[]; to: ContentStatus; permission: Permission; verb: string }> = {
  submit: { from: ['draft', 'failed'], to: 'review', permission: 'write', verb: 'submitted for review' },
  approve: { from: ['draft', 'review', 'failed'], to: 'approved', permission: 'approve_content', verb: 'approved' },
  reject: { from: ['review', 'approved'], to: 'draft', permission: 'approve_content', verb: 'sent back to draft' },
};

/** The step a PATCH of `status` stands for. */
export const STEP_TO: Record<'draft' | 'review' | 'approved', ReviewAction> = { review: 'submit', approved: 'approve', draft: 'reject' };
