<?php
/**
 * WordPress reads the host and path of the current request even when loaded from the command line;
 * make them those of the site.
 */
function igny8_cli_request( string $url ): void {
	$parts = parse_url( $url );
	$host  = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );

	$_SERVER['HTTP_HOST']       = $host;
	$_SERVER['SERVER_NAME']     = $parts['host'];
	$_SERVER['SERVER_PORT']     = (string) ( $parts['port'] ?? 80 );
	$_SERVER['REQUEST_URI']     = '/';
	$_SERVER['REQUEST_METHOD']  = 'GET';
	$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
}
