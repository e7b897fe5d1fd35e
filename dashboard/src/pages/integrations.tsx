import { Button, Card, CardBody, CardHeader, Notice, ProgressBar, __experimentalHStack as HStack } from '@wordpress/components';
import { can } from '@igny8/shared/roles';
import { useState } from 'react';
import { api } from '../api/client';
import { useSignedIn } from '../api/session';
import { useResource } from '../api/use-resource';
import { ErrorNotice } from '../components/error-notice';
import { FormModal, type FormField } from '../components/form-modal';
import { filled } from './sites';

type Integration = { type: string; api_key: string | null; has_api_key: boolean; is_enabled: boolean; sources: Record<string, string>; [setting: string]: unknown };
type TestResult = { ok: boolean; model: string; latency_ms: number; error?: string };

const PROVIDERS: { type: 'openai' | 'runware'; title: string; settings: FormField[] }[] = [
  {
    type: 'openai',
    title: 'OpenAI-compatible provider',
    settings: [
      { name: 'base_url', label: 'Base URL', type: 'url', help: 'e.g. https://api.openai.com/v1, an OpenRouter gateway or Ollama' },
      { name: 'text_model', label: 'Text model' },
      { name: 'embedding_model', label: 'Embedding model' },
      { name: 'image_model', label: 'Image model' },
    ],
  },
  { type: 'runware', title: 'Runware (images)', settings: [{ name: 'base_url', label: 'Base URL', type: 'url' }, { name: 'model', label: 'Model' }] },
];

/** One provider: its effective settings with the key masked, a form that never shows the key, and a live test. */
function IntegrationCard({ provider }: { provider: (typeof PROVIDERS)[number] }) {
  const { user } = useSignedIn();
  const manage = can(user.role, 'manage_sites');
  const settings = useResource<Integration>(`/system/integrations/${provider.type}`);
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const s = settings.data;

  const test = async () => {
    setTesting(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api<TestResult>(`/system/integrations/${provider.type}/test`, { method: 'POST' }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setTesting(false);
    }
  };

  return (
    <Card className="igny8-integration">
      <CardHeader>
        <h2>{provider.title}</h2>
      </CardHeader>
      <CardBody>
        <ErrorNotice error={settings.error ?? error} />
        {s && (
          <dl className="igny8-settings">
            <div>
              <dt>API key</dt>
              <dd>{s.api_key ?? (s.has_api_key ? 'Set by the server' : 'Not set')}</dd>
            </div>
            {provider.settings.map((f) => (
              <div key={f.name}>
                <dt>{f.label}</dt>
                <dd>
                  {String(s[f.name] ?? '') || '—'} {s.sources[f.name] && s.sources[f.name] !== 'account' ? <em>({s.sources[f.name]})</em> : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {testing && <ProgressBar aria-label="Testing the connection" />}
        {result && (
          <Notice status={result.ok ? 'success' : 'error'} isDismissible={false}>
            {result.ok ? `Connected: ${result.model} answered in ${result.latency_ms} ms.` : `The test failed: ${result.error ?? 'no answer'}.`}
          </Notice>
        )}
        {manage && (
          <HStack justify="flex-start">
            <Button variant="secondary" onClick={() => setEditing(true)} __next40pxDefaultSize>
              Change settings
            </Button>
            <Button variant="secondary" onClick={test} isBusy={testing} disabled={testing} __next40pxDefaultSize>
              Test connection
            </Button>
          </HStack>
        )}
      </CardBody>
      {editing && (
        <FormModal
          config={{
            title: `${provider.title} settings`,
            submitLabel: 'Save',
            // The key is write-only: the field starts empty and an empty field keeps the stored key.
            fields: [{ name: 'api_key', label: 'API key', type: 'password', help: s?.has_api_key ? 'Leave empty to keep the current key.' : undefined }, ...provider.settings],
          }}
          initial={Object.fromEntries(provider.settings.map((f) => [f.name, s?.sources[f.name] === 'account' ? String(s?.[f.name] ?? '') : '']))}
          onClose={() => setEditing(false)}
          onSubmit={async (values) => {
            await api(`/system/integrations/${provider.type}`, { method: 'PUT', body: filled(values) });
            await settings.reload();
          }}
        />
      )}
    </Card>
  );
}

export function IntegrationsSection() {
  return (
    <section aria-label="Integrations" className="igny8-page">
      <h1>Settings</h1>
      <div className="igny8-integrations">
        {PROVIDERS.map((p) => (
          <IntegrationCard key={p.type} provider={p} />
        ))}
      </div>
    </section>
  );
}
