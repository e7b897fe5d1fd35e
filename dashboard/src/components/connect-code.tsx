import { Button, ProgressBar, TextControl } from '@wordpress/components';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorNotice } from './error-notice';

type ConnectCode = { code: string; expires_at: string };

/**
 * The one-time code the WordPress plugin's settings screen asks for: made on request, shown once
 * with its expiry and a copy button. A new code replaces the site's unused ones.
 */
export function ConnectCodePanel({ siteId }: { siteId: string }) {
  const [code, setCode] = useState<ConnectCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setCode(await api<ConnectCode>(`/sites/${siteId}/connect-codes`, { method: 'POST' }));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!code) return;
    await navigator.clipboard.writeText(code.code);
    setCopied(true);
  };

  return (
    <section aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect WordPress</h2>
      <p>Install the IGNY8 plugin on the site, open its settings and paste a connect code there.</p>
      <ErrorNotice error={error} />
      {code && (
        <div className="igny8-connect-code">
          <TextControl __nextHasNoMarginBottom label="Connect code" value={code.code} readOnly onChange={() => {}} />
          <Button variant="secondary" onClick={copy}>
            {copied ? 'Copied' : 'Copy code'}
          </Button>
          {/* Said aloud once copied: the button's new label alone is not announced. */}
          <span className="igny8-sr-only" role="status">
            {copied ? 'The code is copied.' : ''}
          </span>
          <p>Valid once, until {new Date(code.expires_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.</p>
        </div>
      )}
      {busy && <ProgressBar aria-label="Making a connect code" />}
      <Button variant="primary" isBusy={busy} disabled={busy} onClick={create}>
        {code ? 'Make a new code' : 'Create connect code'}
      </Button>
    </section>
  );
}
