import { Notice, Panel, PanelBody, Spinner, ToggleControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { plugin, ServiceError } from '../../../common/api';
import type { AbilitiesSettings } from '../types';
import { useLoad } from '../use-load';

/** Which of the plugin's abilities AI agents may find through MCP: none until switched on here. */
export function AbilitiesPanel() {
  const loaded = useLoad(() => plugin<AbilitiesSettings>('settings/abilities'), []);
  const [saved, setSaved] = useState<AbilitiesSettings | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);
  const settings = saved ?? loaded.value;

  const toggle = async (name: string, on: boolean) => {
    if (!settings) return;
    const names = settings.abilities.filter((a) => (a.name === name ? on : a.mcp_public)).map((a) => a.name);
    setError(null);
    try {
      setSaved(await plugin<AbilitiesSettings>('settings/abilities', { method: 'POST', data: { mcp_public: names } }));
    } catch (err) {
      setError(err as ServiceError);
    }
  };

  return (
    <Panel header={__('Abilities for AI agents', 'igny8')}>
      <PanelBody>
        {loaded.loading && <Spinner />}
        {(error ?? loaded.error) && (
          <Notice status="error" isDismissible={false}>
            {(error ?? loaded.error)!.message}
          </Notice>
        )}
        {settings && !settings.available && (
          <Notice status="info" isDismissible={false}>
            {__('Abilities need WordPress 6.9 or later; this site runs an older version.', 'igny8')}
          </Notice>
        )}
        {settings?.available && (
          <>
            <p>{__('Every ability runs as the signed-in user, with that user’s permissions. Switch one on to offer it to MCP clients too.', 'igny8')}</p>
            {settings.abilities.map((a) => (
              <ToggleControl
                key={a.name}
                __nextHasNoMarginBottom
                label={a.label}
                help={a.description}
                checked={a.mcp_public}
                onChange={(on) => void toggle(a.name, on)}
              />
            ))}
          </>
        )}
      </PanelBody>
    </Panel>
  );
}
