<?php
/**
 * Router for PHP's built-in server: existing files are served as they are (PHP files run), and
 * every other path goes to WordPress's front controller, which is what pretty permalinks and
 * /wp-json/ need.
 */
$root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$path = '/' . ltrim( (string) parse_url( urldecode( $_SERVER['REQUEST_URI'] ), PHP_URL_PATH ), '/' );
$file = $root . $path;

// Core folders are links into the shared core, so the check is on the path, not where it leads.
if ( ! preg_match( '#(^|/)\.\.(/|$)#', $path ) && file_exists( $file ) ) {
	if ( is_dir( $file ) && ! str_ends_with( $path, '/' ) ) {
		$query = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_QUERY );
		header( 'Location: ' . $path . '/' . ( $query ? '?' . $query : '' ), true, 301 );
		return true;
	}
	if ( is_file( $file ) || file_exists( $file . '/index.php' ) ) {
		return false;
	}
}

$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir( $root );
require $root . '/index.php';
