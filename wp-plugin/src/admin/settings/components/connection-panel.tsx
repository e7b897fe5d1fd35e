import { Button, CheckboxControl, Notice, Panel, PanelBody, PanelRow, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { plugin, ServiceError } from '../../../common/api';
import type { ConnectionStatus } from '../types';

type Props = { status: ConnectionStatus; onChange: (status: ConnectionStatus) => void };

/** Connect with a one-time code from the IGNY8 dashboard, or disconnect. */
export function ConnectionPanel({ status, onChange }: Props) {
  const [serviceUrl, setServiceUrl] = useState(status.service_url);
  const [code, setCode] = useState('');
  const [appPassword, setAppPassword] = useState(status.app_passwords_available);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ServiceError | null>(null);

  const submit = async (request: () => Promise<ConnectionStatus>) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await request());
      setCode('');
    } catch (err) {
      setError(err as ServiceError);
    } finally {
      setBusy(false);
    }
  };

  const connect = () =>
    submit(() =>
      plugin<ConnectionStatus>('connection', {
        method: 'POST',
        data: { ...(status.service_url_fixed ? {} : { service_url: serviceUrl }), code: code.trim(), create_app_password: appPassword },
      }),
    );
  const disconnect = () => submit(() => plugin<ConnectionStatus>('connection', { method: 'DELETE' }));

  return (
    <Panel header={__('Connection', 'igny8')}>
      <PanelBody>
        {error && (
          <Notice status="error" isDismissible={false}>
            {error.message}
          </Notice>
        )}
        {status.connected ? (
          <>
            <PanelRow>
              <p>
                {sprintf(
                  /* translators: 1: the IGNY8 site's name, 2: the IGNY8 account's name, 3: the service's URL. */
                  __('Connected as the site “%1$s” of the account “%2$s” at %3$s.', 'igny8'),
                  status.site_name,
                  status.account_name,
                  status.service_url,
                )}
              </p>
            </PanelRow>
            <PanelRow>
              <p>
                {status.app_password
                  ? __('IGNY8 publishes with an application password made for it; disconnecting deletes it.', 'igny8')
                  : __('No application password was given to IGNY8: it cannot publish to this site.', 'igny8')}
              </p>
            </PanelRow>
            <Button variant="secondary" isDestructive isBusy={busy} disabled={busy} onClick={disconnect}>
              {__('Disconnect', 'igny8')}
            </Button>
          </>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void connect();
            }}
          >
            <p>{__('Make a connect code on the site’s page in the IGNY8 dashboard, then paste it here. A code works once, for 15 minutes.', 'igny8')}</p>
            <TextControl
              __nextHasNoMarginBottom
              __next40pxDefaultSize
              label={__('Service URL', 'igny8')}
              type="url"
              value={serviceUrl}
              readOnly={status.service_url_fixed}
              help={status.service_url_fixed ? __('Set by IGNY8_SERVICE_URL in wp-config.php.', 'igny8') : undefined}
              onChange={setServiceUrl}
            />
            <TextControl
              __nextHasNoMarginBottom
              __next40pxDefaultSize
              label={__('Connect code', 'igny8')}
              value={code}
              autoComplete="off"
              onChange={setCode}
            />
            <CheckboxControl
              __nextHasNoMarginBottom
              label={__('Create an application password for publishing', 'igny8')}
              help={
                status.app_passwords_available
                  ? __('IGNY8 publishes posts as you with it. You can revoke it any time under Users → Profile.', 'igny8')
                  : __('WordPress allows application passwords only over HTTPS or on a local site.', 'igny8')
              }
              checked={appPassword}
              disabled={!status.app_passwords_available}
              onChange={setAppPassword}
            />
            <Button variant="primary" type="submit" isBusy={busy} disabled={busy || code.trim() === '' || serviceUrl.trim() === ''}>
              {__('Connect', 'igny8')}
            </Button>
          </form>
        )}
      </PanelBody>
    </Panel>
  );
}
