/**
 * Starts a screen in the admin page's root element, inside what every screen needs: the notices,
 * and the connected site's sectors. A site not connected yet is sent to the settings screen.
 */
import { Button, Notice } from '@wordpress/components';
import { createRoot } from '@wordpress/element';
import type { ReactNode } from 'react';
import { __ } from '@wordpress/i18n';
import { pageConfig } from './config';
import { Notices } from './notices';
import { SectorProvider } from './sector';

export function Shell({ children }: { children: ReactNode }) {
  const { connected, settingsUrl, userCan } = pageConfig();
  return (
    <div className="igny8-shell">
      <Notices />
      {connected ? (
        <SectorProvider>{children}</SectorProvider>
      ) : (
        <Notice status="warning" isDismissible={false}>
          <p>{__('This site is not connected to IGNY8 yet.', 'igny8')}</p>
          {userCan.manage_options && settingsUrl ? (
            <Button variant="primary" href={settingsUrl}>
              {__('Connect it in Settings', 'igny8')}
            </Button>
          ) : (
            <p>{__('Ask an administrator to connect it in IGNY8 → Settings.', 'igny8')}</p>
          )}
        </Notice>
      )}
    </div>
  );
}

export function mount(screen: ReactNode) {
  const root = document.getElementById('igny8-root');
  if (root) createRoot(root).render(<Shell>{screen}</Shell>);
}
