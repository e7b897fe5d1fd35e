<?php
/**
 * The IGNY8 sidebar of the block editor.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Loads `build/editor.js` (the sidebar that writes titles, outlines, sections, drafts and meta
 * descriptions for the post being edited) in the block editor of post types that have an editor,
 * for users who can edit posts, with the same `window.igny8` the screens get.
 */
final class Editor_Sidebar {

	public const HANDLE = 'igny8-editor';

	public static function register(): void {
		add_action( 'enqueue_block_editor_assets', array( self::class, 'enqueue' ) );
	}

	/** Whether the sidebar belongs on this page: a post's block editor, for someone who may edit posts. */
	public static function wanted(): bool {
		if ( ! current_user_can( 'edit_posts' ) ) {
			return false;
		}
		// The hook also fires in the site editor and the widgets screen, which edit no post.
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null === $screen || 'post' !== $screen->base || '' === (string) $screen->post_type ) {
			return false;
		}
		return post_type_supports( $screen->post_type, 'editor' ) && use_block_editor_for_post_type( $screen->post_type );
	}

	public static function enqueue(): void {
		$asset_file = IGNY8_DIR . 'build/editor.asset.php';
		if ( ! self::wanted() || ! is_readable( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_enqueue_script( self::HANDLE, plugins_url( 'build/editor.js', IGNY8_FILE ), $asset['dependencies'] ?? array(), $asset['version'] ?? IGNY8_VERSION, true );
		wp_add_inline_script( self::HANDLE, 'window.igny8 = ' . wp_json_encode( Admin_Pages::boot_data( 'editor' ) ) . ';', 'before' );
		wp_set_script_translations( self::HANDLE, 'igny8', IGNY8_DIR . 'languages' );
		// @wordpress/scripts writes the sidebar's style.scss to style-editor.css.
		if ( is_readable( IGNY8_DIR . 'build/style-editor.css' ) ) {
			wp_enqueue_style( self::HANDLE, plugins_url( 'build/style-editor.css', IGNY8_FILE ), array( 'wp-components' ), $asset['version'] ?? IGNY8_VERSION );
			wp_style_add_data( self::HANDLE, 'rtl', 'replace' );
		}
	}
}
