/** Images: the articles' planned and generated images, with thumbnails, generated in bulk. */
import { SelectControl } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews/wp';
import { useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { CREDIT_COSTS } from '@igny8/shared/credits';
import { AIAction } from '../../common/ai-panel';
import { aiItemsAction } from '../../common/ai-entry';
import { service } from '../../common/api';
import { elementsOf, IMAGE_KIND_LABELS, IMAGE_STATUS_LABELS, IMAGE_STYLE_LABELS } from '../../common/labels';
import { TablePage, type TablePageConfig } from '../../common/table-page';
import { Thumbnail } from '../../common/thumbnail';
import type { Image, ImageStyle } from '../../common/types';

/** Images one generation may name (the service's limit). */
const MAX_IMAGES = 50;

function GenerateImages({ images, onEnded, onClose }: { images: Image[]; onEnded: () => void; onClose: () => void }) {
  const [style, setStyle] = useState<ImageStyle | ''>('');
  const chosen = images.slice(0, MAX_IMAGES);
  return (
    <AIAction
      summary={sprintf(/* translators: %d: number of images */ _n('Render %d image from its prompt and keep it for good.', 'Render %d images from their prompts and keep them for good.', chosen.length, 'igny8'), chosen.length)}
      credits={chosen.length * CREDIT_COSTS.image}
      startLabel={__('Generate', 'igny8')}
      start={() => service('writer/images/generate', { method: 'POST', data: { image_ids: chosen.map((i) => i.id), ...(style ? { style } : {}) } })}
      succeeded={() => __('Images generated.', 'igny8')}
      onEnded={onEnded}
      onClose={onClose}
    >
      <SelectControl
        __next40pxDefaultSize
        __nextHasNoMarginBottom
        label={__('Style', 'igny8')}
        value={style}
        options={[{ value: '', label: __('As planned for each image', 'igny8') }, ...elementsOf(IMAGE_STYLE_LABELS)]}
        onChange={(value: string) => setStyle(value as ImageStyle | '')}
      />
    </AIAction>
  );
}

export function ImagesScreen() {
  const config = useMemo<TablePageConfig<Image>>(() => {
    const fields: Field<Image>[] = [
      {
        id: 'file',
        label: __('Image', 'igny8'),
        enableSorting: false,
        enableHiding: false,
        filterBy: false,
        render: ({ item }) => (item.status === 'generated' ? <Thumbnail path={`service/writer/images/${item.id}/file`} alt={item.alt} /> : <span className="igny8-thumb" />),
      },
      { id: 'kind', label: __('Place', 'igny8'), elements: elementsOf(IMAGE_KIND_LABELS), enableSorting: false, filterBy: false },
      { id: 'prompt', label: __('Prompt', 'igny8'), enableSorting: false, filterBy: false },
      { id: 'alt', label: __('Alt text', 'igny8'), enableSorting: false, filterBy: false },
      { id: 'style', label: __('Style', 'igny8'), elements: elementsOf(IMAGE_STYLE_LABELS), enableSorting: false, filterBy: false },
      {
        id: 'status',
        label: __('Status', 'igny8'),
        elements: elementsOf(IMAGE_STATUS_LABELS),
        enableSorting: false,
        filterBy: { operators: ['is'] },
        render: ({ item }) => (item.status === 'failed' && item.error ? `${IMAGE_STATUS_LABELS.failed}: ${item.error}` : IMAGE_STATUS_LABELS[item.status]),
      },
    ];
    return {
      title: __('Images', 'igny8'),
      endpoint: 'writer/images',
      perSector: true,
      fields,
      query: { filters: { status: 'status' } },
      actions: (ctx) => [
        aiItemsAction<Image>({
          id: 'generate',
          label: __('Generate images', 'igny8'),
          isPrimary: true,
          render: (items, close) => <GenerateImages images={items} onEnded={ctx.reload} onClose={close} />,
        }),
      ],
      empty: () => <p>{__('No images planned yet. On the Content screen, choose articles and plan their images.', 'igny8')}</p>,
    };
  }, []);
  return <TablePage config={config} />;
}
