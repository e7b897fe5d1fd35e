import apiFetch from '@wordpress/api-fetch';
import type { AssistResult } from '@igny8/shared';
import { blob, toServiceError } from '../common/api';

type FeaturedImage = Extract<AssistResult, { kind: 'featured_image' }>;

/**
 * Copies a featured image the service made into the media library, with its alt text and caption,
 * and answers the attachment's id. The bytes come through the signed proxy, then go up through
 * WordPress's own media route, which checks `upload_files` and makes the usual sizes.
 */
export async function addToMediaLibrary(image: FeaturedImage, fileName: string, title: string): Promise<number> {
  const bytes = await blob(`service${image.file}`);
  const form = new FormData();
  form.append('file', new File([bytes], fileName, { type: image.mime_type }));
  form.append('alt_text', image.alt);
  form.append('caption', image.caption);
  if (title) form.append('title', title);
  try {
    const media = await apiFetch<{ id: number }>({ path: '/wp/v2/media', method: 'POST', body: form });
    return media.id;
  } catch (err) {
    throw toServiceError(err);
  }
}
