/**
 * Settings: connect this site to IGNY8 (or disconnect it), see what it has there, and choose the
 * abilities offered to MCP clients. Administrators only.
 */
import { Notice, Spinner } from '@wordpress/components';
import { createRoot, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { plugin, ServiceError } from '../../common/api';
import { AbilitiesPanel } from './components/abilities-panel';
import { ConnectionPanel } from './components/connection-panel';
import { SitePanel } from './components/site-panel';
import type { ConnectionStatus } from './types';
import './style.scss';

export function SettingsScreen() {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);

  useEffect(() => {
    plugin<ConnectionStatus>('connection').then(setStatus, (err: ServiceError) => setError(err));
  }, []);

  return (
    <div className="igny8-settings">
      <h1>{__('IGNY8 settings', 'igny8')}</h1>
      {error && (
        <Notice status="error" isDismissible={false}>
          {error.message}
        </Notice>
      )}
      {!status && !error && <Spinner />}
      {status && (
        <>
          <ConnectionPanel status={status} onChange={setStatus} />
          {status.connected && status.site_id && <SitePanel key={status.site_id} siteId={status.site_id} />}
          <AbilitiesPanel />
        </>
      )}
    </div>
  );
}

const root = document.getElementById('igny8-root');
if (root) createRoot(root).render(<SettingsScreen />);
