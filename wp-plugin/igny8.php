<?php
/**
 * Plugin Name:       IGNY8
 * Description:       Plan SEO keywords, then generate, review and publish content with the IGNY8 service, from wp-admin and the block editor.
 * Version:           0.1.0
 * Requires at least: 6.8
 * Requires PHP:      8.1
 * Author:            IGNY8
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       igny8
 * Domain Path:       /languages
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'IGNY8_VERSION', '0.1.0' );
define( 'IGNY8_FILE', __FILE__ );
define( 'IGNY8_DIR', plugin_dir_path( __FILE__ ) );

// Classes IGNY8\Some_Name live in includes/class-some-name.php.
spl_autoload_register(
	static function ( string $class_name ): void {
		if ( ! str_starts_with( $class_name, __NAMESPACE__ . '\\' ) ) {
			return;
		}
		$file = IGNY8_DIR . 'includes/class-' . str_replace( '_', '-', strtolower( substr( $class_name, strlen( __NAMESPACE__ ) + 1 ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

Plugin::boot();
