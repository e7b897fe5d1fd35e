import { Button, Modal, ProgressBar, SelectControl, TextControl, TextareaControl, __experimentalVStack as VStack } from '@wordpress/components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorNotice } from './error-notice';

export type FormField = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'textarea' | 'select';
  options?: { label: string; value: string }[];
  help?: string;
  required?: boolean;
};

export type FormConfig = { title: string; submitLabel: string; fields: FormField[] };
type Values = Record<string, string>;

/**
 * One form for every create and edit dialog: fields from a config, the service's field errors under
 * each field, its sentence above, a progress bar while the request runs.
 */
export function FormModal({ config, initial = {}, onSubmit, onClose }: {
  config: FormConfig;
  initial?: Values;
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
}) {
  const [values, setValues] = useState<Values>(() => Object.fromEntries(config.fields.map((f) => [f.name, initial[f.name] ?? f.options?.[0]?.value ?? ''])));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ApiError ? error.errors : {};
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={config.title} onRequestClose={onClose} size="medium">
      <form onSubmit={submit} noValidate>
        <VStack spacing={4}>
          <ErrorNotice error={error} />
          {config.fields.map((f) => {
            const help = fieldErrors[f.name]?.join(' ') ?? f.help;
            const common = { label: f.label, value: values[f.name] ?? '', onChange: set(f.name), help, __nextHasNoMarginBottom: true };
            if (f.type === 'textarea') return <TextareaControl key={f.name} {...common} />;
            if (f.type === 'select') return <SelectControl key={f.name} {...common} options={f.options ?? []} __next40pxDefaultSize />;
            return <TextControl key={f.name} {...common} type={f.type ?? 'text'} required={f.required} aria-invalid={Boolean(fieldErrors[f.name])} __next40pxDefaultSize />;
          })}
          {busy && <ProgressBar aria-label="Saving" />}
          <div className="igny8-form-actions">
            <Button variant="tertiary" onClick={onClose} disabled={busy} __next40pxDefaultSize>
              Cancel
            </Button>
            <Button variant="primary" type="submit" isBusy={busy} disabled={busy} __next40pxDefaultSize>
              {config.submitLabel}
            </Button>
          </div>
        </VStack>
      </form>
    </Modal>
  );
}
