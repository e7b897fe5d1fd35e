import type { ComponentType } from 'react';

type Slot = ComponentType<any>;
export type SidebarSlots = { PluginSidebar: Slot; PluginSidebarMoreMenuItem: Slot };
type SlotSource = Partial<SidebarSlots> | undefined;

/**
 * The sidebar slot components: from `wp.editor`, where WordPress 6.6 and later keep them, else
 * from the older `wp.editPost`; null where neither has them.
 */
export function sidebarSlots(editor: SlotSource, editPost: SlotSource): SidebarSlots | null {
  for (const source of [editor, editPost]) {
    if (source?.PluginSidebar && source.PluginSidebarMoreMenuItem) {
      return { PluginSidebar: source.PluginSidebar, PluginSidebarMoreMenuItem: source.PluginSidebarMoreMenuItem };
    }
  }
  return null;
}
