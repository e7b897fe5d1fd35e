/**
 * The sidebar's panel: choose what the post is about, then have IGNY8 write a title, an outline,
 * a section, a full draft or a meta description, or make a featured image. Text goes into the
 * post's title or meta description; block markup is inserted at the cursor as real blocks; the
 * image goes into the media library and becomes the post's featured image.
 */
import { Button, Notice, PanelBody, SelectControl, TextareaControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { AssistKind, AssistResult } from '@igny8/shared';
import { service } from '../common/api';
import { errorMessage } from '../common/errors';
import { RunProgress, type RunEnd } from '../common/run-progress';
import { ASSIST_COST } from './credits';
import { addToMediaLibrary } from './featured-image';
import type { PostBridge } from './post';
import { SubjectPicker, subjectFields, type Subject } from './subject';

type Panel = 'write' | 'meta' | 'featured';
const panelOf = (kind: AssistKind): Panel => (kind === 'meta_description' ? 'meta' : kind === 'featured_image' ? 'featured' : 'write');

type OutlineSection = { heading: string; level: 2 | 3; notes?: string };
type Message = { status: 'success' | 'error' | 'info'; text: string };

/** The post's text is context for a title or a meta description; the service takes this much. */
const TEXT_MAX = 50_000;
const INTRODUCTION = '';

const LABELS: Record<AssistKind, string> = {
  title: __('Write a title', 'igny8'),
  outline: __('Plan an outline', 'igny8'),
  section: __('Write the section', 'igny8'),
  draft: __('Write a full draft', 'igny8'),
  meta_description: __('Write a meta description', 'igny8'),
  featured_image: __('Make a featured image', 'igny8'),
};

const STYLES = [
  { value: 'realistic', label: __('Photograph', 'igny8') },
  { value: 'artistic', label: __('Illustration', 'igny8') },
  { value: 'cartoon', label: __('Cartoon', 'igny8') },
];

const costLabel = (kind: AssistKind) =>
  sprintf(/* translators: %d: number of credits */ _n('%d credit', '%d credits', ASSIST_COST[kind], 'igny8'), ASSIST_COST[kind]);

export type SidebarProps = { post: PostBridge; connected: boolean; settingsUrl: string; canUpload: boolean; pollMs?: number };

export function SidebarPanel({ post, connected, settingsUrl, canUpload, pollMs }: SidebarProps) {
  const [subject, setSubject] = useState<Subject>({ type: 'topic', value: '' });
  const [outline, setOutline] = useState<OutlineSection[] | null>(null);
  const [outlineBlocks, setOutlineBlocks] = useState('');
  const [heading, setHeading] = useState(INTRODUCTION);
  const [running, setRunning] = useState<{ id: string; kind: AssistKind } | null>(null);
  const [starting, setStarting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [meta, setMeta] = useState(() => post.metaDescription());
  const [style, setStyle] = useState('realistic');
  const [lastKind, setLastKind] = useState<AssistKind>('title');

  if (!connected) {
    return (
      <PanelBody>
        <Notice status="warning" isDismissible={false}>
          {__('This site is not connected to IGNY8 yet.', 'igny8')} <a href={settingsUrl}>{__('Connect it under IGNY8 → Settings.', 'igny8')}</a>
        </Notice>
      </PanelBody>
    );
  }

  const fields = subjectFields(subject);
  const busy = starting || running !== null;

  const inserted = (ids: string[]) =>
    setMessage({ status: 'success', text: sprintf(/* translators: %d: number of blocks */ _n('Inserted %d block.', 'Inserted %d blocks.', ids.length, 'igny8'), ids.length) });

  async function start(kind: AssistKind) {
    if (!fields) return;
    const title = post.title().trim();
    const body: Record<string, unknown> = { kind, ...fields };
    if (title && kind !== 'title') body.title = title.slice(0, 300);
    if (kind === 'title' || kind === 'meta_description' || kind === 'featured_image') {
      const text = post.text();
      if (text) body.text = text.slice(0, TEXT_MAX);
    }
    if ((kind === 'section' || kind === 'draft') && outline) body.outline = outline.map(({ heading: h, level }) => ({ heading: h, level }));
    if (kind === 'section' && heading !== INTRODUCTION) body.heading = heading;
    if (kind === 'featured_image') body.style = style;
    setMessage(null);
    setLastKind(kind);
    setStarting(true);
    try {
      const { run_id } = await service<{ run_id: string }>('writer/assist', { method: 'POST', data: body });
      setRunning({ id: run_id, kind });
    } catch (err) {
      setMessage({ status: 'error', text: errorMessage(err) });
    } finally {
      setStarting(false);
    }
  }

  async function apply(result: AssistResult, runId: string) {
    switch (result.kind) {
      case 'title':
        post.setTitle(result.title);
        setMessage({ status: 'success', text: __('The title is set.', 'igny8') });
        break;
      case 'meta_description':
        post.setMetaDescription(result.meta_description);
        setMeta(result.meta_description);
        setMessage({ status: 'success', text: __('The meta description is set.', 'igny8') });
        break;
      case 'outline':
        setOutline(result.outline);
        setOutlineBlocks(result.blocks);
        setHeading(result.outline[0]?.heading ?? INTRODUCTION);
        setMessage({ status: 'info', text: __('The outline is ready: write its sections one by one, or insert its headings.', 'igny8') });
        break;
      case 'section':
        inserted(post.insertMarkup(result.blocks));
        break;
      case 'draft': {
        const ids = post.insertMarkup(result.blocks);
        if (!post.title().trim()) post.setTitle(result.title);
        if (!post.metaDescription().trim()) {
          post.setMetaDescription(result.meta_description);
          setMeta(result.meta_description);
        }
        inserted(ids);
        break;
      }
      case 'featured_image': {
        setMessage({ status: 'info', text: __('Adding the image to the media library…', 'igny8') });
        try {
          post.setFeaturedImage(await addToMediaLibrary(result, `igny8-featured-${runId}.webp`, post.title().trim()));
          setMessage({ status: 'success', text: __('The featured image is set.', 'igny8') });
        } catch (err) {
          setMessage({ status: 'error', text: errorMessage(err) });
        }
        break;
      }
    }
  }

  function ended({ run, error }: RunEnd) {
    setRunning(null);
    if (run?.status === 'succeeded' && run.result) void apply(run.result as AssistResult, run.id);
    else if (run?.status === 'failed') setMessage({ status: 'error', text: run.error ?? __('The request failed.', 'igny8') });
    else setMessage({ status: 'error', text: errorMessage(error) });
  }

  // Progress and the outcome show in the panel whose button was pressed, where the user is looking.
  const feedback = (panel: Panel) =>
    panelOf(lastKind) === panel ? (
      <>
        {running ? <RunProgress key={running.id} runId={running.id} onEnd={ended} pollMs={pollMs} /> : null}
        {message ? (
          <Notice status={message.status} onRemove={() => setMessage(null)}>
            {message.text}
          </Notice>
        ) : null}
      </>
    ) : null;

  const action = (kind: AssistKind) => (
    <div className="igny8-assist__action" key={kind}>
      <Button variant="secondary" disabled={!fields || busy} isBusy={running?.kind === kind} onClick={() => void start(kind)} __next40pxDefaultSize>
        {LABELS[kind]}
      </Button>
      <span className="igny8-assist__cost">{costLabel(kind)}</span>
    </div>
  );

  return (
    <>
      <PanelBody title={__('Subject', 'igny8')}>
        <SubjectPicker subject={subject} onChange={setSubject} />
      </PanelBody>
      <PanelBody title={__('Write', 'igny8')}>
        {feedback('write')}
        {action('title')}
        {action('outline')}
        {outline ? (
          <>
            <ol className="igny8-assist__outline">
              {outline.map((s) => (
                <li key={s.heading} className={`igny8-assist__outline-${s.level}`}>{s.heading}</li>
              ))}
            </ol>
            <Button variant="tertiary" disabled={busy} onClick={() => { inserted(post.insertMarkup(outlineBlocks)); }}>
              {__('Insert the headings', 'igny8')}
            </Button>
            <SelectControl
              __next40pxDefaultSize
              __nextHasNoMarginBottom
              label={__('Section', 'igny8')}
              value={heading}
              options={[{ value: INTRODUCTION, label: __('Introduction', 'igny8') }, ...outline.map((s) => ({ value: s.heading, label: s.heading }))]}
              onChange={setHeading}
            />
          </>
        ) : (
          <TextControl
            __next40pxDefaultSize
            __nextHasNoMarginBottom
            label={__('Section heading', 'igny8')}
            help={__('Empty: the introduction.', 'igny8')}
            value={heading}
            onChange={setHeading}
          />
        )}
        {action('section')}
        {action('draft')}
      </PanelBody>
      <PanelBody title={__('Meta description', 'igny8')}>
        <TextareaControl
          __nextHasNoMarginBottom
          label={__('Meta description', 'igny8')}
          value={meta}
          onChange={(value) => {
            setMeta(value);
            post.setMetaDescription(value);
          }}
        />
        {feedback('meta')}
        {action('meta_description')}
      </PanelBody>
      {canUpload ? (
        <PanelBody title={__('Featured image', 'igny8')}>
          <SelectControl __next40pxDefaultSize __nextHasNoMarginBottom label={__('Style', 'igny8')} value={style} options={STYLES} onChange={setStyle} />
          {feedback('featured')}
          {action('featured_image')}
        </PanelBody>
      ) : null}
    </>
  );
}
