import { Button, Card, CardBody, ProgressBar, TextControl, __experimentalVStack as VStack } from '@wordpress/components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { ErrorNotice } from '../components/error-notice';

/** Sign in, or create an account and its owner. */
export function SignInPage() {
  const { signIn, signUp } = useSession();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accountName, setAccountName] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.errors[name]?.join(' ') : undefined);
  const signingUp = mode === 'signup';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signingUp) await signUp({ email, password, account_name: accountName });
      else await signIn(email, password);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <main className="igny8-signin">
      <Card>
        <CardBody>
          <form onSubmit={submit} noValidate>
            <VStack spacing={4}>
              <h1>{signingUp ? 'Create your IGNY8 account' : 'Sign in to IGNY8'}</h1>
              <ErrorNotice error={error} />
              {signingUp && (
                <TextControl label="Account name" value={accountName} onChange={setAccountName} help={fieldError('account_name') ?? 'Your company or project.'} autoComplete="organization" __next40pxDefaultSize __nextHasNoMarginBottom />
              )}
              <TextControl label="Email" type="email" value={email} onChange={setEmail} help={fieldError('email')} autoComplete="email" __next40pxDefaultSize __nextHasNoMarginBottom />
              <TextControl
                label="Password"
                type="password"
                value={password}
                onChange={setPassword}
                help={fieldError('password') ?? (signingUp ? 'At least 10 characters, not a common password.' : undefined)}
                autoComplete={signingUp ? 'new-password' : 'current-password'}
                __next40pxDefaultSize
                __nextHasNoMarginBottom
              />
              {busy && <ProgressBar aria-label={signingUp ? 'Creating the account' : 'Signing in'} />}
              <Button variant="primary" type="submit" isBusy={busy} disabled={busy} __next40pxDefaultSize>
                {signingUp ? 'Create account' : 'Sign in'}
              </Button>
              <Button
                variant="link"
                onClick={() => {
                  setMode(signingUp ? 'signin' : 'signup');
                  setError(null);
                }}
              >
                {signingUp ? 'I already have an account: sign in' : 'New here? Create an account'}
              </Button>
            </VStack>
          </form>
        </CardBody>
      </Card>
    </main>
  );
}
