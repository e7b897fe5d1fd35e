<?php
/**
 * Second setup load, a normal one (plugins load): settings the tests rely on, the administrator's
 * password and a fresh application password, and activation of the linked plugins. Safe to run on
 * every start. Writes {"appPassword": "..."} to the result file named in SETUP_JSON.
 * Usage: php configure.php SETUP_JSON
 */
$setup = json_decode( file_get_contents( $argv[1] ), true, 16, JSON_THROW_ON_ERROR );
require __DIR__ . '/cli-request.php';
igny8_cli_request( $setup['url'] );

require $setup['root'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function igny8_fail( string $message ) {
	fwrite( STDERR, $message . "\n" );
	exit( 1 );
}

update_option( 'show_avatars', '0' );
update_option( 'siteurl', $setup['url'] );
update_option( 'home', $setup['url'] );

// Setting the option alone leaves stale rewrite rules, and /wp-json/ answers 404.
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( '/%postname%/' );
$wp_rewrite->flush_rules( false );

$admin = get_user_by( 'login', $setup['admin']['user'] );
if ( ! $admin ) {
	igny8_fail( "no user {$setup['admin']['user']}" );
}
if ( ! wp_check_password( $setup['admin']['password'], $admin->user_pass, $admin->ID ) ) {
	wp_set_password( $setup['admin']['password'], $admin->ID );
}
igny8_test_site_close_welcome_guides( $admin->ID );

$name = 'igny8 launcher';
foreach ( WP_Application_Passwords::get_user_application_passwords( $admin->ID ) as $item ) {
	if ( $item['name'] === $name ) {
		WP_Application_Passwords::delete_application_password( $admin->ID, $item['uuid'] );
	}
}
$created = WP_Application_Passwords::create_new_application_password( $admin->ID, array( 'name' => $name ) );
if ( is_wp_error( $created ) ) {
	igny8_fail( 'application password: ' . $created->get_error_message() );
}

foreach ( $setup['plugins'] as $folder ) {
	$files = array_keys( get_plugins( '/' . $folder ) );
	if ( ! $files ) {
		igny8_fail( "no plugin header in any PHP file of wp-content/plugins/$folder" );
	}
	$result = activate_plugin( $folder . '/' . $files[0] );
	if ( is_wp_error( $result ) ) {
		igny8_fail( "activating $folder: " . $result->get_error_message() );
	}
}

file_put_contents( $setup['result'], json_encode( array( 'appPassword' => $created[0] ) ) );
