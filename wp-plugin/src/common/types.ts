// The service's objects as the screens see them: types only, from the shared schemas, so no
// schema code reaches the bundles.
import type { z } from 'zod';
import type {
  CLUSTER_GRANULARITIES,
  IMAGE_KINDS,
  IMAGE_STATUSES,
  CONTENT_STATUSES,
  CONTENT_TYPES,
  IDEA_STATUSES,
  INTENTS,
  KEYWORD_STATUSES,
  TASK_STATUSES,
  ideaSchema,
  taskSchema,
} from '@igny8/shared';

export type { Cluster, Content, Keyword } from '@igny8/shared';
export type Idea = z.infer<typeof ideaSchema>;
export type Task = z.infer<typeof taskSchema>;

export type Intent = (typeof INTENTS)[number];
export type KeywordStatus = (typeof KEYWORD_STATUSES)[number];
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type ContentStatus = (typeof CONTENT_STATUSES)[number];
export type ContentType = (typeof CONTENT_TYPES)[number];
export type Granularity = (typeof CLUSTER_GRANULARITIES)[number];
export type { Image, ImageStyle } from '@igny8/shared';
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
export type ImageKind = (typeof IMAGE_KINDS)[number];
