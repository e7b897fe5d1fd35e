import { isWordPressVersion, startWordPress, type WordPress, type WordPressOptions } from '../../../../scripts/wordpress/index';

/** The WordPress version under test: 7.1 unless IGNY8_WP_VERSION names another (6.8, the minimum). */
export function versionUnderTest(): WordPressOptions['version'] {
  const version = process.env.IGNY8_WP_VERSION || '7.1';
  if (!isWordPressVersion(version)) throw new Error(`IGNY8_WP_VERSION=${version} is not a version the launcher runs`);
  return version;
}

/** A fresh WordPress of the version under test; stop() it in afterAll. */
export function startTestWordPress(options: Omit<WordPressOptions, 'version'> = {}): Promise<WordPress> {
  return startWordPress({ version: versionUnderTest(), ...options });
}

export type { WordPress };
