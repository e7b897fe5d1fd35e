<?php
/**
 * The browser's only way to the IGNY8 service: `igny8/v1` routes that check the WordPress user's
 * capability and forward the call signed with the site's key.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * `GET|POST|PATCH|PUT|DELETE /igny8/v1/service/<path>` forwards to `/api/v1/<path>` with the same
 * query and JSON body; `POST /igny8/v1/keywords/import` streams a CSV upload and
 * `GET /igny8/v1/keywords/export` streams the CSV back. WordPress's cookie authentication makes
 * the REST nonce mandatory for browser calls: without it the user is anonymous here and refused.
 */
final class Rest_Proxy {

	public const NAMESPACE = 'igny8/v1';

	/** Query parameters WordPress and api-fetch add for themselves; never forwarded. */
	private const WORDPRESS_PARAMS = array( 'rest_route', '_wpnonce', '_locale', '_envelope', '_method', '_fields', '_embed', '_jsonp' );

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( self::class, 'serve_file' ), 10, 2 );
	}

	public static function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/service/(?P<path>[a-z0-9/_-]+)',
			array(
				'methods'             => array( 'GET', 'POST', 'PATCH', 'PUT', 'DELETE' ),
				'callback'            => array( self::class, 'forward' ),
				'permission_callback' => array( self::class, 'can_forward' ),
				'args'                => array(
					'path' => array(
						'type'     => 'string',
						'required' => true,
						'pattern'  => '^[a-z0-9/_-]+$',
					),
				),
			)
		);
		$sector = array(
			'sector_id' => array(
				'type'     => 'string',
				'required' => true,
				'format'   => 'uuid',
			),
		);
		register_rest_route(
			self::NAMESPACE,
			'/keywords/import',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( self::class, 'import_keywords' ),
				'permission_callback' => static fn () => self::allow( 'edit_posts' ),
				'args'                => $sector,
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/keywords/export',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'export_keywords' ),
				'permission_callback' => static fn () => self::allow( 'edit_posts' ),
				'args'                => $sector,
			)
		);
	}

	/**
	 * The capability a proxied call needs: publish_posts to publish, manage_options to change the
	 * site's setup (sites, sectors, integrations, author profiles), edit_posts for the rest.
	 */
	public static function capability_for( string $method, string $path ): string {
		$path = trim( $path, '/' );
		if ( preg_match( '#^writer/content/[^/]+/publish$#', $path ) ) {
			return 'publish_posts';
		}
		if ( 'GET' !== strtoupper( $method ) && preg_match( '#^(sites|sectors|system|thinker)(/|$)#', $path ) ) {
			return 'manage_options';
		}
		return 'edit_posts';
	}

	public static function can_forward( WP_REST_Request $request ): bool|WP_Error {
		return self::allow( self::capability_for( $request->get_method(), (string) $request['path'] ) );
	}

	/** True, or a 403 whether the caller is anonymous (no nonce, no login) or lacks the capability. */
	public static function allow( string $capability ): bool|WP_Error {
		if ( current_user_can( $capability ) ) {
			return true;
		}
		return new WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.', 'igny8' ), array( 'status' => 403 ) );
	}

	/** Forwards one call and answers the service's envelope unchanged, with its status. */
	public static function forward( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$path = trim( (string) $request['path'], '/' );
		if ( str_contains( $path, '//' ) || str_contains( $path, '..' ) ) {
			return new WP_Error( 'rest_invalid_param', __( 'The service path is not valid.', 'igny8' ), array( 'status' => 400 ) );
		}
		$body = in_array( $request->get_method(), array( 'GET', 'HEAD' ), true ) ? '' : trim( (string) $request->get_body() );
		if ( '' !== $body && null === json_decode( $body ) && JSON_ERROR_NONE !== json_last_error() ) {
			return new WP_Error( 'rest_invalid_json', __( 'The request body is not valid JSON.', 'igny8' ), array( 'status' => 400 ) );
		}
		$target = Service_Client::target( $path, self::forwarded_query( $request ) );
		$answer = Service_Client::send( $request->get_method(), $target, $body, '' === $body ? array() : array( 'Content-Type' => 'application/json' ) );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		if ( ! str_contains( $answer['headers']['content-type'] ?? 'application/json', 'json' ) ) {
			return self::file_response( (string) $answer['body'], $answer['headers'] );
		}
		return new WP_REST_Response( $answer['body'], $answer['status'] );
	}

	/**
	 * A binary answer of the service (e.g. a stored image) passed on as it came, with its type:
	 * WordPress would otherwise try to encode the bytes as JSON.
	 *
	 * @param array<string, string> $headers The service's answer headers, names in lower case.
	 */
	private static function file_response( string $body, array $headers ): WP_REST_Response|WP_Error {
		// wp_tempnam() lives in wp-admin's file functions, which REST requests do not load.
		$file = tempnam( get_temp_dir(), 'igny8-file-' );
		if ( ! $file || false === file_put_contents( $file, $body ) ) {
			return new WP_Error( 'igny8_no_temp_file', __( 'WordPress cannot write a temporary file.', 'igny8' ), array( 'status' => 500 ) );
		}
		$response = new WP_REST_Response( null, 200 );
		$response->header( 'Content-Type', $headers['content-type'] ?? 'application/octet-stream' );
		$response->header( 'Content-Length', (string) strlen( $body ) );
		if ( isset( $headers['cache-control'] ) ) {
			$response->header( 'Cache-Control', $headers['cache-control'] );
		}
		$response->header( 'X-Igny8-File', '1' );
		$response->set_data( array( 'file' => $file ) );
		return $response;
	}

	/**
	 * The query the browser sent, less WordPress's own parameters.
	 *
	 * @return array<string, mixed>
	 */
	public static function forwarded_query( WP_REST_Request $request ): array {
		return array_diff_key( $request->get_query_params(), array_flip( self::WORDPRESS_PARAMS ) );
	}

	/** The uploaded CSV, streamed from PHP's temporary file to the service's import. */
	public static function import_keywords( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$file = $request->get_file_params()['file'] ?? null;
		if ( ! is_array( $file ) || UPLOAD_ERR_OK !== ( $file['error'] ?? UPLOAD_ERR_NO_FILE ) || ! is_uploaded_file( (string) $file['tmp_name'] ) ) {
			return new WP_Error(
				'rest_missing_file',
				__( 'Choose a CSV file of keywords to import.', 'igny8' ),
				array(
					'status' => 400,
					'errors' => array( 'file' => array( __( 'A CSV file is required.', 'igny8' ) ) ),
				)
			);
		}
		$target = Service_Client::target( 'planner/keywords/import', array( 'sector_id' => (string) $request['sector_id'] ) );
		$answer = Service_Client::upload( $target, (string) $file['tmp_name'], 'text/csv' );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		return new WP_REST_Response( $answer['body'], $answer['status'] );
	}

	/** The sector's keywords as the service's CSV, written to a temporary file and sent back as it is read. */
	public static function export_keywords( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$file = tempnam( get_temp_dir(), 'igny8-keywords-' );
		if ( ! $file ) {
			return new WP_Error( 'igny8_no_temp_file', __( 'WordPress cannot write a temporary file.', 'igny8' ), array( 'status' => 500 ) );
		}
		$target = Service_Client::target( 'planner/keywords/export', array( 'sector_id' => (string) $request['sector_id'] ) );
		$answer = Service_Client::send(
			'GET',
			$target,
			'',
			array( 'Accept' => 'text/csv, application/json' ),
			array(
				'stream'   => true,
				'filename' => $file,
			)
		);
		if ( is_wp_error( $answer ) ) {
			// A streamed error answer is in the file, not the body.
			if ( is_readable( $file ) ) {
				$envelope = json_decode( (string) file_get_contents( $file ), true );
				if ( is_array( $envelope ) && isset( $envelope['code'] ) ) {
					$answer = Service_Client::error( (int) ( $answer->get_error_data()['status'] ?? 502 ), $envelope );
				}
			}
			wp_delete_file( $file );
			return $answer;
		}
		$response = new WP_REST_Response( null, 200 );
		$response->header( 'Content-Type', 'text/csv; charset=utf-8' );
		$response->header( 'Content-Disposition', $answer['headers']['content-disposition'] ?? 'attachment; filename="keywords.csv"' );
		$response->header( 'Content-Length', (string) filesize( $file ) );
		$response->header( 'X-Igny8-File', '1' );
		$response->set_data( array( 'file' => $file ) );
		return $response;
	}

	/**
	 * Sends a file answer as the file itself instead of JSON (WordPress has sent the headers by now).
	 *
	 * @param bool             $served Whether the answer was already sent.
	 * @param WP_REST_Response $result The answer.
	 */
	public static function serve_file( $served, $result ) {
		if ( $served || ! $result instanceof WP_REST_Response || '1' !== ( $result->get_headers()['X-Igny8-File'] ?? null ) ) {
			return $served;
		}
		$file = $result->get_data()['file'] ?? '';
		if ( is_string( $file ) && is_readable( $file ) ) {
			readfile( $file );
			wp_delete_file( $file );
		}
		return true;
	}
}
