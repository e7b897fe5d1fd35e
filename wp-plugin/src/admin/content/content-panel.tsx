/**
 * One article: its preview, its title and meta to edit, the review steps the user may take,
 * publishing to WordPress (as a draft or live) with the run's progress, the WordPress post link
 * and the internal links the article holds.
 */
import { Button, ExternalLink, Notice, Spinner, TextareaControl, TextControl, __experimentalHStack as HStack, __experimentalVStack as VStack } from '@wordpress/components';
import { useCallback, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { AIAction } from '../../common/ai-panel';
import { service } from '../../common/api';
import { pageConfig } from '../../common/config';
import { errorMessage } from '../../common/errors';
import { CONTENT_STATUS_LABELS, formatNumber } from '../../common/labels';
import { useNotify } from '../../common/notices';
import type { Content } from '../../common/types';
import { Preview } from './preview';
import { canPublish, reviewSteps, STEP_STATUS, type ReviewStep } from './review';

/** Longest meta title and description search engines show in full (the service's limits). */
const META_TITLE_MAX = 60;
const META_DESCRIPTION_MAX = 160;

// Fields the publishing work adds to the article; absent until it is there.
type Article = Content & { publish_error?: string | null; meta_not_set?: string[] };

const STEP_LABELS: Record<ReviewStep, string> = {
  submit: __('Submit for review', 'igny8'),
  approve: __('Approve', 'igny8'),
  reject: __('Send back to draft', 'igny8'),
};

type Meta = { title: string; meta_title: string; meta_description: string };

function MetaForm({ article, onSaved }: { article: Article; onSaved: (a: Article) => void }) {
  const notify = useNotify();
  const [meta, setMeta] = useState<Meta>({ title: article.title, meta_title: article.meta_title, meta_description: article.meta_description });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const changed = meta.title !== article.title || meta.meta_title !== article.meta_title || meta.meta_description !== article.meta_description;
  const set = (key: keyof Meta) => (value: string) => setMeta((m) => ({ ...m, [key]: value }));
  const count = (value: string, max: number) => sprintf(/* translators: 1: characters used, 2: the most shown in search results */ __('%1$d of %2$d characters', 'igny8'), value.length, max);

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const saved = await service<Article>(`writer/content/${article.id}`, { method: 'PATCH', data: meta });
      notify.success(__('Title and meta saved.', 'igny8'));
      onSaved(saved);
    } catch (err) {
      const fields = (err as { errors?: Record<string, string[]> }).errors ?? {};
      setErrors(fields);
      notify.error(err);
    }
    setSaving(false);
  };

  const help = (key: keyof Meta, fallback?: string) => errors[key]?.join(' ') ?? fallback;
  return (
    <VStack spacing={3} className="igny8-meta-form">
      <TextControl __next40pxDefaultSize __nextHasNoMarginBottom label={__('Title', 'igny8')} value={meta.title} onChange={set('title')} help={help('title')} />
      <TextControl
        __next40pxDefaultSize
        __nextHasNoMarginBottom
        label={__('Meta title', 'igny8')}
        value={meta.meta_title}
        maxLength={META_TITLE_MAX}
        onChange={set('meta_title')}
        help={help('meta_title', count(meta.meta_title, META_TITLE_MAX))}
      />
      <TextareaControl
        __nextHasNoMarginBottom
        label={__('Meta description', 'igny8')}
        value={meta.meta_description}
        maxLength={META_DESCRIPTION_MAX}
        rows={3}
        onChange={set('meta_description')}
        help={help('meta_description', count(meta.meta_description, META_DESCRIPTION_MAX))}
      />
      <HStack justify="flex-start">
        <Button variant="secondary" __next40pxDefaultSize disabled={!changed || saving} isBusy={saving} onClick={save}>
          {__('Save title and meta', 'igny8')}
        </Button>
      </HStack>
    </VStack>
  );
}

export default function ContentPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const notify = useNotify();
  const can = pageConfig().userCan;
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<'draft' | 'publish' | null>(null);
  const [stepping, setStepping] = useState(false);

  const load = useCallback(() => service<Article>(`writer/content/${id}`).then(setArticle, (err: unknown) => setError(errorMessage(err))), [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Notice status="error" isDismissible={false}>{error}</Notice>;
  if (!article) return <Spinner />;

  const changed = (a: Article) => {
    setArticle(a);
    onChanged();
  };
  const step = async (s: ReviewStep) => {
    setStepping(true);
    try {
      changed(await service<Article>(`writer/content/${article.id}`, { method: 'PATCH', data: { status: STEP_STATUS[s] } }));
      notify.success(sprintf(/* translators: %s: the new status */ __('The article is now: %s.', 'igny8'), CONTENT_STATUS_LABELS[STEP_STATUS[s]]));
    } catch (err) {
      notify.error(err);
    }
    setStepping(false);
  };

  return (
    <div className="igny8-content-panel">
      <VStack spacing={4}>
        <HStack justify="flex-start" wrap>
          <span>
            <strong>{__('Status:', 'igny8')}</strong> {CONTENT_STATUS_LABELS[article.status]}
          </span>
          <span>{sprintf(/* translators: %s: number of words */ __('%s words', 'igny8'), formatNumber(article.word_count))}</span>
          {article.wp_url && <ExternalLink href={article.wp_url}>{__('View the WordPress post', 'igny8')}</ExternalLink>}
        </HStack>
        {article.publish_error && (
          <Notice status="error" isDismissible={false}>
            {article.publish_error}
          </Notice>
        )}
        {article.meta_not_set && article.meta_not_set.length > 0 && (
          <Notice status="warning" isDismissible={false}>
            {sprintf(/* translators: %s: list of SEO fields */ __('The site did not let publishing set: %s.', 'igny8'), article.meta_not_set.join(', '))}
          </Notice>
        )}
        <HStack justify="flex-start" wrap>
          {reviewSteps(article.status, can).map((s) => (
            <Button key={s} variant="secondary" __next40pxDefaultSize disabled={stepping} onClick={() => step(s)}>
              {STEP_LABELS[s]}
            </Button>
          ))}
          {canPublish(article.status, can) && !publishing && (
            <>
              <Button variant="secondary" __next40pxDefaultSize onClick={() => setPublishing('draft')}>
                {article.wp_post_id ? __('Update as draft in WordPress', 'igny8') : __('Send to WordPress as draft', 'igny8')}
              </Button>
              <Button variant="primary" __next40pxDefaultSize onClick={() => setPublishing('publish')}>
                {article.wp_post_id ? __('Update and publish', 'igny8') : __('Publish', 'igny8')}
              </Button>
            </>
          )}
        </HStack>
        {publishing && (
          <AIAction
            summary={publishing === 'publish' ? __('Publish the article on this site, with its images and SEO meta.', 'igny8') : __('Save the article on this site as a draft post, with its images and SEO meta.', 'igny8')}
            credits={0}
            startLabel={publishing === 'publish' ? __('Publish now', 'igny8') : __('Save as draft', 'igny8')}
            start={() => service(`writer/content/${article.id}/publish`, { method: 'POST', data: { status: publishing } })}
            succeeded={() => (publishing === 'publish' ? __('Published.', 'igny8') : __('Saved as a draft post.', 'igny8'))}
            onEnded={() => {
              void load();
              onChanged();
            }}
            onClose={() => setPublishing(null)}
          />
        )}
        <MetaForm key={article.updated_at} article={article} onSaved={changed} />
        <section aria-label={__('Internal links', 'igny8')}>
          <h3>{__('Internal links', 'igny8')}</h3>
          {article.internal_links.length === 0 ? (
            <p>{__('This article links to no other article of the site yet.', 'igny8')}</p>
          ) : (
            <ul>
              {article.internal_links.map((l) => (
                <li key={l.target_content_id}>
                  {l.status === 'linked' && l.url ? (
                    <>
                      {`“${l.anchor ?? ''}” → `}
                      <ExternalLink href={l.url}>{l.target_title}</ExternalLink>
                    </>
                  ) : (
                    sprintf(
                      /* translators: %s: the title of the article that would be linked. */
                      l.status === 'pending' ? __('%s — not published yet: linked once it is and links are placed again', 'igny8') : __('%s — no paragraph holds a fitting anchor', 'igny8'),
                      l.target_title,
                    )
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <Preview title={article.title} html={article.html} />
      </VStack>
    </div>
  );
}
