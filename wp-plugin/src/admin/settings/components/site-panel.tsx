import { Notice, Panel, PanelBody, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';
import { service, serviceList } from '../../../common/api';
import { useLoad, type Loaded } from '../use-load';

type Sector = { id: string; name: string; is_active?: boolean };
type AuthorProfile = { id: string; name: string; tone?: string | null };
type Integration = { type: string; has_api_key: boolean; is_enabled: boolean; sources: Record<string, string> };
type Balance = { credits: number; reserved: number };

/** One section: a spinner, the refusal in the service's words, or the content. */
function Section<T>({ title, loaded, children }: { title: string; loaded: Loaded<T>; children: (value: T) => ReactNode }) {
  return (
    <PanelBody title={title} initialOpen>
      {loaded.loading && <Spinner />}
      {loaded.error && (
        <Notice status="warning" isDismissible={false}>
          {loaded.error.message}
        </Notice>
      )}
      {loaded.value !== null && children(loaded.value)}
    </PanelBody>
  );
}

function integrationState(integration: Integration): string {
  if (!integration.is_enabled) return __('switched off', 'igny8');
  if (integration.has_api_key) return __('ready with the account’s own key', 'igny8');
  if (integration.sources.api_key === 'environment') return __('ready with the service’s key', 'igny8');
  return __('no API key', 'igny8');
}

/** What the connected site has in IGNY8: credits, sectors, author profiles, integrations. */
export function SitePanel({ siteId }: { siteId: string }) {
  const balance = useLoad(() => service<Balance>('billing/balance'), []);
  const sectors = useLoad(() => service<Sector[]>(`sites/${siteId}/sectors`), [siteId]);
  const authors = useLoad(() => serviceList<AuthorProfile>('thinker/author-profiles'), []);
  const integrations = useLoad(
    () => Promise.all([service<Integration>('system/integrations/openai'), service<Integration>('system/integrations/runware')]),
    [],
  );

  return (
    <Panel header={__('This site in IGNY8', 'igny8')}>
      <Section title={__('Credits', 'igny8')} loaded={balance}>
        {(b) => (
          <p className="igny8-balance">
            {sprintf(
              /* translators: 1: credits left, 2: credits held by AI runs in progress. */
              _n('%1$d credit left (%2$d held by runs in progress).', '%1$d credits left (%2$d held by runs in progress).', b.credits, 'igny8'),
              b.credits,
              b.reserved,
            )}
          </p>
        )}
      </Section>
      <Section title={__('Sectors', 'igny8')} loaded={sectors}>
        {(list) =>
          list.length === 0 ? (
            <p>{__('No sector yet: add them in the IGNY8 dashboard.', 'igny8')}</p>
          ) : (
            <ul className="igny8-sectors">
              {list.map((s) => (
                <li key={s.id}>
                  {s.name}
                  {s.is_active === false ? ` ${__('(inactive)', 'igny8')}` : ''}
                </li>
              ))}
            </ul>
          )
        }
      </Section>
      <Section title={__('Author profiles', 'igny8')} loaded={authors}>
        {(page) =>
          page.results.length === 0 ? (
            <p>{__('No author profile yet: articles are written in the default voice.', 'igny8')}</p>
          ) : (
            <ul className="igny8-authors">
              {page.results.map((a) => (
                <li key={a.id}>{a.tone ? `${a.name} — ${a.tone}` : a.name}</li>
              ))}
            </ul>
          )
        }
      </Section>
      <Section title={__('Integrations', 'igny8')} loaded={integrations}>
        {(list) => (
          <ul className="igny8-integrations">
            {list.map((i) => (
              <li key={i.type}>
                {i.type === 'openai' ? __('OpenAI (text)', 'igny8') : __('Runware (images)', 'igny8')}: {integrationState(i)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Panel>
  );
}
