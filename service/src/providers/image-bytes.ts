import { errorForStatus, errorForThrown, hostOf } from './errors';
import { attemptSignal, withRetry, type RetryPolicy } from './retry';
import { ProviderError, type ImageStyle } from './types';

// Neither image API takes a style parameter that works across models, so the style is said in the prompt.
const STYLE_WORDS: Record<ImageStyle, string> = {
  realistic: 'Style: photorealistic, natural light, like a professional photograph.',
  artistic: 'Style: artistic illustration, painterly, expressive colours.',
  cartoon: 'Style: cartoon, clean outlines, flat bright colours.',
};

export function styledPrompt(prompt: string, style: ImageStyle | undefined): string {
  return style ? `${prompt.trim()}\n\n${STYLE_WORDS[style]}` : prompt.trim();
}

/** The image type from the file's first bytes; undefined when they are not a PNG, JPEG, WebP or GIF. */
export function sniffImageMime(bytes: Buffer): string | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) return 'image/gif';
  return undefined;
}

/** Checks that `bytes` hold an image and says which kind. */
export function imageFile(bytes: Buffer, what: string): { bytes: Buffer; mime: string } {
  const mime = sniffImageMime(bytes);
  if (!mime) throw new ProviderError('bad_response', `${what}: the answer is not a PNG, JPEG, WebP or GIF image (${bytes.length} bytes)`);
  return { bytes, mime };
}

/**
 * Downloads a generated image at once: provider URLs expire (often within the hour), and a job
 * that stored the URL would find nothing later. The download is retried on its own so a hiccup
 * does not pay for the picture twice.
 */
export async function downloadImage(
  url: string,
  opts: { fetch: typeof globalThis.fetch; policy: RetryPolicy; timeoutMs: number; signal?: AbortSignal },
): Promise<{ bytes: Buffer; mime: string }> {
  const what = `image download from ${hostOf(url)}`;
  return withRetry(opts.policy, opts.signal, async () => {
    const attempt = attemptSignal(opts.timeoutMs, opts.signal);
    try {
      const res = await opts.fetch(url, { signal: attempt.signal });
      if (!res.ok) {
        await res.body?.cancel();
        // A missing or forbidden file will not appear by asking again.
        const gone = res.status < 500 && res.status !== 429;
        const err = errorForStatus(res.status, what, { headers: res.headers, ...(gone ? { hint: 'no image at that address' } : {}) });
        throw gone ? new ProviderError('bad_response', err.message, { status: res.status, retryable: false }) : err;
      }
      return imageFile(Buffer.from(await res.arrayBuffer()), what);
    } catch (err) {
      throw errorForThrown(err, what, { caller: opts.signal, timedOut: attempt.timedOut(), timeoutMs: opts.timeoutMs });
    }
  });
}
