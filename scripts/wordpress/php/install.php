<?php
/**
 * First of the two setup loads: installs WordPress into the site's empty database with
 * wp_install(), as WP-CLI would, or upgrades the database of an existing site after a core update.
 * Usage: php install.php SETUP_JSON
 */
$setup = json_decode( file_get_contents( $argv[1] ), true, 16, JSON_THROW_ON_ERROR );
require __DIR__ . '/cli-request.php';
igny8_cli_request( $setup['url'] );

define( 'WP_INSTALLING', true );
require $setup['root'] . '/wp-load.php';

// Offline there is no mail to send; without this, wp_install() tries sendmail.
function wp_new_blog_notification() {}

require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if ( ! is_blog_installed() ) {
	$admin = $setup['admin'];
	$result = wp_install( 'IGNY8 test site', $admin['user'], $admin['email'], false, '', wp_slash( $admin['password'] ) );
	if ( empty( $result['user_id'] ) ) {
		fwrite( STDERR, "wp_install() created no administrator\n" );
		exit( 1 );
	}
} elseif ( (int) get_option( 'db_version' ) < (int) $GLOBALS['wp_db_version'] ) {
	wp_upgrade();
}
