import { RunError } from '../../ai';

/** Widest image stored: wider than any article column, small enough to load fast on a phone. */
export const MAX_WIDTH = 1600;
const WEBP_QUALITY = 80;

export type WebImage = { bytes: Buffer; mime: 'image/webp'; width: number; height: number };

/**
 * A provider's image as the web wants it: turned upright, at most MAX_WIDTH wide (never enlarged),
 * WebP, with no metadata (sharp drops EXIF, XMP and ICC unless asked to keep them).
 */
export async function optimiseForWeb(input: Buffer): Promise<WebImage> {
  // Loaded with the first image: libvips costs every process about 19 MB of memory from the moment it is loaded.
  const { default: sharp } = await import('sharp');
  try {
    const { data, info } = await sharp(input, { failOn: 'error' })
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/webp', width: info.width, height: info.height };
  } catch (err) {
    throw new RunError(`The provider’s image could not be read (${(err as Error).message.slice(0, 120)}).`);
  }
}
