import { useRegistry } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';
import { useMemo } from '@wordpress/element';
import { insertMarkup } from './insert';

/** The IGNY8 meta key of the post's meta description (the plugin registers it for REST). */
export const META_DESCRIPTION_KEY = '_igny8_meta_description';

/** What the sidebar reads from and does to the post being edited. */
export type PostBridge = {
  title(): string;
  setTitle(title: string): void;
  /** The post's text so far, without markup. */
  text(): string;
  metaDescription(): string;
  setMetaDescription(text: string): void;
  insertMarkup(markup: string): string[];
  /** Sets the post's featured image to an attachment: one undoable edit, saved with the post. */
  setFeaturedImage(mediaId: number): void;
};

/** The post of the block editor, through its data stores. */
export function usePost(): PostBridge {
  const registry = useRegistry();
  return useMemo(() => {
    const editor = () => registry.select(editorStore);
    const edit = (edits: Record<string, unknown>) => registry.dispatch(editorStore).editPost(edits);
    return {
      title: () => String(editor().getEditedPostAttribute('title') ?? ''),
      setTitle: (title) => edit({ title }),
      text: () => {
        const doc = new DOMParser().parseFromString(editor().getEditedPostContent(), 'text/html');
        return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
      },
      metaDescription: () => String((editor().getEditedPostAttribute('meta') as Record<string, unknown> | undefined)?.[META_DESCRIPTION_KEY] ?? ''),
      setMetaDescription: (text) => edit({ meta: { [META_DESCRIPTION_KEY]: text } }),
      insertMarkup: (markup) => insertMarkup(registry, markup),
      setFeaturedImage: (mediaId) => edit({ featured_media: mediaId }),
    };
  }, [registry]);
}
