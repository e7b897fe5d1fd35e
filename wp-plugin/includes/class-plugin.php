<?php
/**
 * Wires the plugin's parts to WordPress.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Boots each part once. A part registers its own hooks; nothing here knows their details.
 */
final class Plugin {

	private static bool $booted = false;

	public static function boot(): void {
		if ( self::$booted ) {
			return;
		}
		self::$booted = true;

		add_action( 'init', array( self::class, 'load_textdomain' ) );
		Admin_Pages::register();
		Rest_Proxy::register();
		Connection::register();
		Seo_Meta::register();
		Abilities::register();
		if ( class_exists( Editor_Sidebar::class ) ) {
			Editor_Sidebar::register();
		}
	}

	public static function load_textdomain(): void {
		load_plugin_textdomain( 'igny8', false, dirname( plugin_basename( IGNY8_FILE ) ) . '/languages' );
	}
}
