<?php
/**
 * Removes what the plugin stored: its options (the site's private key among them) and the
 * application password it made for publishing. The service keeps the site until an owner deletes
 * it; its key no longer works once this site's private key is gone.
 *
 * @package IGNY8
 */

declare(strict_types=1);

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/class-settings.php';
require_once __DIR__ . '/includes/class-connection.php';

IGNY8\Connection::delete_app_password();
foreach ( IGNY8\Settings::ALL as $igny8_option ) {
	delete_option( $igny8_option );
}
