/**
 * What the admin page tells the screen about itself (an inline script before the bundle sets
 * `window.igny8`): the screen, whether the site is connected, and what the user may do.
 */
export type UserCan = { edit_posts: boolean; publish_posts: boolean; manage_options: boolean };

export type PageConfig = {
  screen: string;
  connected: boolean;
  siteName: string;
  accountName: string;
  restNamespace: string;
  settingsUrl: string;
  userCan: UserCan;
};

declare global {
  interface Window {
    igny8?: Partial<PageConfig>;
  }
}

/** The page's settings, with safe answers (not connected, may do nothing) where the page left a value out. */
export function pageConfig(): PageConfig {
  const given = window.igny8 ?? {};
  return {
    screen: given.screen ?? '',
    connected: given.connected === true,
    siteName: given.siteName ?? '',
    accountName: given.accountName ?? '',
    restNamespace: given.restNamespace ?? 'igny8/v1',
    settingsUrl: given.settingsUrl ?? '',
    userCan: { edit_posts: false, publish_posts: false, manage_options: false, ...given.userCan },
  };
}
