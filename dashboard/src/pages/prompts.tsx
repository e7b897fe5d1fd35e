import { Button, Card, CardBody, Modal, ProgressBar, TextareaControl, __experimentalHStack as HStack, __experimentalVStack as VStack } from '@wordpress/components';
import { can } from '@igny8/shared/roles';
import { useState, type FormEvent } from 'react';
import { api, ApiError, type ListPage } from '../api/client';
import { useSignedIn } from '../api/session';
import { useResource } from '../api/use-resource';
import { ErrorNotice } from '../components/error-notice';

type Variable = { name: string; description: string; required: boolean };
export type Prompt = {
  function: string;
  template: string;
  is_default: boolean;
  default_template: string;
  variables: Variable[];
  updated_at: string | null;
};

/** What each AI function does, in the words of the screens that start it. */
const TITLES: Record<string, string> = {
  auto_cluster: 'Keyword clustering',
  generate_ideas: 'Content ideas',
  generate_content: 'Articles',
  generate_image_prompts: 'Image descriptions',
  generate_images: 'Images',
};
const titleOf = (fn: string) => TITLES[fn] ?? fn;

/**
 * Edits one function's template: the variables it may use listed beside it, the built-in template
 * to compare with, the service's field errors under the text, and a way back to the default.
 */
function PromptEditor({ prompt, onClose, onSaved }: { prompt: Prompt; onClose: () => void; onSaved: () => Promise<void> }) {
  const [template, setTemplate] = useState(prompt.template);
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const fieldErrors = error instanceof ApiError ? error.errors.template : undefined;

  const run = async (what: 'save' | 'reset') => {
    setBusy(what);
    setError(null);
    try {
      const path = `/thinker/prompts/${prompt.function}`;
      await (what === 'save' ? api(path, { method: 'PUT', body: { template } }) : api(path, { method: 'DELETE' }));
      await onSaved();
      onClose();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(null);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('save');
  };

  return (
    <Modal title={`Prompt for ${titleOf(prompt.function).toLowerCase()}`} onRequestClose={onClose} size="large">
      <form onSubmit={submit} noValidate>
        <VStack spacing={4}>
          {/* A refusal whose sentence is the template's own field error is shown once, under the field. */}
          <ErrorNotice error={fieldErrors?.includes(error?.message ?? '') ? null : error} />
          <TextareaControl
            label="Template"
            value={template}
            onChange={setTemplate}
            rows={14}
            className={fieldErrors ? 'igny8-template is-invalid' : 'igny8-template'}
            help={fieldErrors?.join(' ') ?? 'Write {{variable}} where the value goes; required variables must all appear.'}
            aria-invalid={Boolean(fieldErrors)}
            __nextHasNoMarginBottom
          />
          <section aria-label="Variables">
            <h3 className="igny8-subheading">Variables</h3>
            <ul className="igny8-variables">
              {prompt.variables.map((v) => (
                <li key={v.name}>
                  <code>{`{{${v.name}}}`}</code> {v.required && <strong>required</strong>} — {v.description}
                </li>
              ))}
            </ul>
          </section>
          <details className="igny8-default-template">
            <summary>Built-in template</summary>
            <pre>{prompt.default_template}</pre>
            <Button variant="link" onClick={() => setTemplate(prompt.default_template)}>
              Start from the built-in template
            </Button>
          </details>
          {busy && <ProgressBar aria-label={busy === 'save' ? 'Saving' : 'Resetting'} />}
          <div className="igny8-form-actions">
            {!prompt.is_default && (
              <Button variant="secondary" isDestructive onClick={() => void run('reset')} disabled={busy !== null} __next40pxDefaultSize>
                Reset to default
              </Button>
            )}
            <Button variant="tertiary" onClick={onClose} disabled={busy !== null} __next40pxDefaultSize>
              Cancel
            </Button>
            <Button variant="primary" type="submit" isBusy={busy === 'save'} disabled={busy !== null} __next40pxDefaultSize>
              Save prompt
            </Button>
          </div>
        </VStack>
      </form>
    </Modal>
  );
}

/** The prompt each AI function sends: the account's own where it has one, the built-in one otherwise. */
export function PromptsSection() {
  const { user } = useSignedIn();
  const write = can(user.role, 'write');
  const prompts = useResource<ListPage<Prompt>>('/thinker/prompts?page_size=50');
  const [editing, setEditing] = useState<Prompt | null>(null);

  return (
    <section className="igny8-page" aria-labelledby="igny8-prompts">
      <h2 id="igny8-prompts">Prompts</h2>
      <p className="igny8-lead">
        The instructions IGNY8 gives the AI for each function. {write ? 'Edit one to fit your voice; reset it to go back to the built-in text.' : 'Your role may read them but not change them.'}
      </p>
      <ErrorNotice error={prompts.error} onRetry={prompts.reload} />
      {prompts.loading && !prompts.data && <ProgressBar aria-label="Loading the prompts" />}
      <ul className="igny8-prompts">
        {prompts.data?.results.map((p) => (
          <li key={p.function}>
            <Card size="small">
              <CardBody>
                <HStack wrap justify="space-between">
                  <div>
                    <h3 className="igny8-subheading">{titleOf(p.function)}</h3>
                    <p className="igny8-muted">
                      {p.is_default ? 'Built-in template' : `Your own template${p.updated_at ? `, changed ${new Date(p.updated_at).toLocaleDateString()}` : ''}`} ·{' '}
                      {p.variables.length} variables
                    </p>
                  </div>
                  <Button variant="secondary" onClick={() => setEditing(p)} __next40pxDefaultSize aria-label={`${write ? 'Edit' : 'View'} the ${titleOf(p.function).toLowerCase()} prompt`}>
                    {write ? 'Edit' : 'View'}
                  </Button>
                </HStack>
              </CardBody>
            </Card>
          </li>
        ))}
      </ul>
      {editing && write && <PromptEditor prompt={editing} onClose={() => setEditing(null)} onSaved={prompts.reload} />}
      {editing && !write && (
        <Modal title={`Prompt for ${titleOf(editing.function).toLowerCase()}`} onRequestClose={() => setEditing(null)} size="large">
          <pre className="igny8-template-view">{editing.template}</pre>
        </Modal>
      )}
    </section>
  );
}
