<?php
/**
 * The wp-config.php of the launcher's cached WordPress core, which every site shares (so PHP compiles
 * core once for all of them): the site being served names its own configuration.
 */
$igny8_site_config = getenv( 'IGNY8_WP_CONFIG' );
if ( ! $igny8_site_config || ! is_file( $igny8_site_config ) ) {
	header( 'HTTP/1.1 500 Internal Server Error' );
	exit( "IGNY8_WP_CONFIG names no site configuration\n" );
}
require $igny8_site_config;
