import { isUnmodifiedDefaultBlock, parse } from '@wordpress/blocks';
import type { DataRegistry } from '@wordpress/data';

/** The block editor's store, by name: its package ships no type declarations. */
const BLOCK_EDITOR = 'core/block-editor';

type Block = ReturnType<typeof parse>[number];
/** The selectors and actions of the block editor's store this file uses. */
type BlockEditorSelect = {
  getSelectedBlockClientId(): string | null;
  getBlockHierarchyRootClientId(clientId: string): string;
  getBlock(clientId: string): Block | null;
  getBlockIndex(clientId: string): number;
};
type BlockEditorDispatch = {
  insertBlocks(blocks: Block[], index?: number, rootClientId?: string, updateSelection?: boolean): void;
  replaceBlocks(clientId: string, blocks: Block[]): void;
};

/**
 * Inserts block markup built by the service at the cursor: after the top-level block holding the
 * selection (in place of it when it is the empty paragraph a new post starts with), else at the
 * end. One insert (or replace) is one undo step. Returns the new blocks' client ids.
 */
export function insertMarkup(registry: DataRegistry, markup: string): string[] {
  const blocks = parse(markup);
  if (blocks.length === 0) return [];
  const select: BlockEditorSelect = registry.select(BLOCK_EDITOR) as never;
  const dispatch: BlockEditorDispatch = registry.dispatch(BLOCK_EDITOR) as never;
  const selected = select.getSelectedBlockClientId();
  if (selected) {
    const top = select.getBlockHierarchyRootClientId(selected);
    const block = select.getBlock(top);
    if (block && isUnmodifiedDefaultBlock(block)) dispatch.replaceBlocks(top, blocks);
    else dispatch.insertBlocks(blocks, select.getBlockIndex(top) + 1, undefined, false);
  } else {
    dispatch.insertBlocks(blocks, undefined, undefined, false);
  }
  return blocks.map((b) => b.clientId);
}
