/**
 * The IGNY8 sidebar of the block editor, registered as the `igny8` plugin.
 */
import * as editor from '@wordpress/editor';
import { __ } from '@wordpress/i18n';
import { registerPlugin } from '@wordpress/plugins';
import { usePost } from './post';
import { SidebarPanel } from './sidebar';
import { sidebarSlots, type SidebarSlots } from './slots';
import './style.scss';

type Boot = { connected?: boolean; settingsUrl?: string; userCan?: { upload_files?: boolean } };
const boot = (): Boot => (window as unknown as { igny8?: Boot }).igny8 ?? {};

function render(slots: SidebarSlots) {
  const { PluginSidebar, PluginSidebarMoreMenuItem } = slots;
  return function IGNY8Sidebar() {
    const post = usePost();
    const { connected = false, settingsUrl = '', userCan } = boot();
    return (
      <>
        <PluginSidebarMoreMenuItem target="igny8-sidebar" icon="chart-area">
          {__('IGNY8', 'igny8')}
        </PluginSidebarMoreMenuItem>
        <PluginSidebar name="igny8-sidebar" title={__('IGNY8', 'igny8')} icon="chart-area">
          <SidebarPanel post={post} connected={connected} settingsUrl={settingsUrl} canUpload={userCan?.upload_files === true} />
        </PluginSidebar>
      </>
    );
  };
}

// WordPress 6.6 and later keep the slots in wp.editor; older editors had them in wp.editPost only.
const slots = sidebarSlots(editor as never, (window as unknown as { wp?: { editPost?: never } }).wp?.editPost);
if (slots) registerPlugin('igny8', { render: render(slots), icon: 'chart-area' });
