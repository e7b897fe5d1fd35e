<?php
/**
 * Plugin Name: IGNY8 test site
 * Description: Linked by the IGNY8 WordPress launcher. Keeps the editors' welcome guides closed for
 * every user, so that they cover nothing in browser tests and screenshots, and skips the checks
 * for core, plugin and theme updates: the site is offline, and each failed check logs a warning.
 */

function igny8_test_site_close_welcome_guides( int $user_id ): void {
	global $wpdb;
	$key         = $wpdb->get_blog_prefix() . 'persisted_preferences';
	$preferences = get_user_meta( $user_id, $key, true );
	$preferences = is_array( $preferences ) ? $preferences : array();
	$guides      = array(
		'core/edit-post'         => array( 'welcomeGuide', 'welcomeGuideTemplate' ),
		'core/edit-site'         => array( 'welcomeGuide', 'welcomeGuidePage', 'welcomeGuideStyles', 'welcomeGuideTemplate' ),
		'core/edit-widgets'      => array( 'welcomeGuide' ),
		'core/customize-widgets' => array( 'welcomeGuide' ),
	);
	foreach ( $guides as $scope => $names ) {
		foreach ( $names as $name ) {
			$preferences[ $scope ][ $name ] = false;
		}
	}
	$preferences['_modified'] = gmdate( 'c' );
	update_user_meta( $user_id, $key, $preferences );
}
add_action( 'user_register', 'igny8_test_site_close_welcome_guides' );

add_action(
	'plugins_loaded',
	function () {
		foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $check ) {
			remove_action( 'admin_init', $check );
		}
		foreach ( array( 'load-plugins.php', 'load-themes.php', 'load-update.php', 'load-update-core.php' ) as $screen ) {
			remove_action( $screen, 'wp_update_plugins' );
			remove_action( $screen, 'wp_update_themes' );
		}
		remove_action( 'init', 'wp_schedule_update_checks' );
	}
);
