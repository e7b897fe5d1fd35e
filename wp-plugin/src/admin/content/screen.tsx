/**
 * Content: the sector's articles. Opening one shows its preview, meta, review steps, publishing
 * and internal links (loaded when first opened); review steps and image planning also work on
 * several articles at once.
 */
import { ExternalLink, Spinner } from '@wordpress/components';
import type { Action, Field } from '@wordpress/dataviews/wp';
import { lazy, Suspense, useMemo } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { CREDIT_COSTS } from '@igny8/shared/credits';
import { AIAction } from '../../common/ai-panel';
import { aiItemsAction } from '../../common/ai-entry';
import { service } from '../../common/api';
import { pageConfig } from '../../common/config';
import { confirmAction } from '../../common/confirm-action';
import { CONTENT_STATUS_LABELS, elementsOf, formatNumber } from '../../common/labels';
import { TablePage, type TableContext, type TablePageConfig } from '../../common/table-page';
import type { Content } from '../../common/types';
import { reviewSteps, STEP_STATUS, type ReviewStep } from './review';

const ContentPanel = lazy(() => import(/* webpackChunkName: "content-panel" */ './content-panel'));

const STEP_LABELS: Record<ReviewStep, string> = {
  submit: __('Submit for review', 'igny8'),
  approve: __('Approve', 'igny8'),
  reject: __('Send back to draft', 'igny8'),
};

function stepAction(step: ReviewStep, ctx: TableContext<Content>): Action<Content> {
  const can = pageConfig().userCan;
  return confirmAction<Content>({
    id: step,
    label: STEP_LABELS[step],
    ctx,
    isEligible: (item) => reviewSteps(item.status, can).includes(step),
    question: (items) => sprintf(/* translators: 1: the step, 2: number of articles */ _n('%1$s: %2$d article?', '%1$s: %2$d articles?', items.length, 'igny8'), STEP_LABELS[step], items.length),
    confirmLabel: STEP_LABELS[step],
    act: async (items) => {
      for (const item of items) await service(`writer/content/${item.id}`, { method: 'PATCH', data: { status: STEP_STATUS[step] } });
    },
    done: (items) => sprintf(/* translators: %d: number of articles */ _n('%d article updated.', '%d articles updated.', items.length, 'igny8'), items.length),
  });
}

export function ContentScreen() {
  const config = useMemo<TablePageConfig<Content>>(() => {
    const fields: Field<Content>[] = [
      { id: 'title', label: __('Title', 'igny8'), enableHiding: false, enableSorting: false, filterBy: false },
      { id: 'status', label: __('Status', 'igny8'), elements: elementsOf(CONTENT_STATUS_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
      { id: 'primary_keyword', label: __('Primary keyword', 'igny8'), enableSorting: false, filterBy: false },
      { id: 'word_count', label: __('Words', 'igny8'), type: 'integer', enableSorting: false, filterBy: false, render: ({ item }) => formatNumber(item.word_count) },
      { id: 'internal_links', label: __('Internal links', 'igny8'), enableSorting: false, filterBy: false, render: ({ item }) => item.internal_links.length },
      {
        id: 'wp_url',
        label: __('WordPress post', 'igny8'),
        enableSorting: false,
        filterBy: false,
        render: ({ item }) => (item.wp_url ? <ExternalLink href={item.wp_url}>{__('View post', 'igny8')}</ExternalLink> : '—'),
      },
    ];
    return {
      title: __('Content', 'igny8'),
      endpoint: 'writer/content',
      perSector: true,
      fields,
      query: { filters: { status: 'status' } },
      actions: (ctx) => [
        {
          id: 'open',
          label: __('Open', 'igny8'),
          isPrimary: true,
          modalHeader: (items) => items[0]?.title ?? '',
          modalSize: 'large',
          RenderModal: ({ items }) => (
            <Suspense fallback={<Spinner />}>
              <ContentPanel id={items[0]!.id} onChanged={ctx.reload} />
            </Suspense>
          ),
        },
        stepAction('submit', ctx),
        stepAction('approve', ctx),
        stepAction('reject', ctx),
        aiItemsAction<Content>({
          id: 'image-prompts',
          label: __('Plan images', 'igny8'),
          render: (items, close) => (
            <AIAction
              summary={sprintf(
                /* translators: %d: number of articles */
                _n('Write a featured-image prompt and prompts for in-article images, with alt text, for %d article.', 'Write a featured-image prompt and prompts for in-article images, with alt text, for %d articles.', items.length, 'igny8'),
                items.length,
              )}
              credits={items.length * CREDIT_COSTS.imagePrompts}
              startLabel={__('Plan images', 'igny8')}
              start={() => service('writer/content/generate-image-prompts', { method: 'POST', data: { content_ids: items.map((c) => c.id) } })}
              succeeded={() => __('Image prompts written. Generate the images on the Images screen.', 'igny8')}
              onEnded={ctx.reload}
              onClose={close}
            />
          ),
        }),
      ],
      empty: () => <p>{__('No articles yet. On the Tasks screen, choose tasks and generate their content.', 'igny8')}</p>,
    };
  }, []);
  return <TablePage config={config} />;
}
