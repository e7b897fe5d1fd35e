<?php
/**
 * Requests to the IGNY8 service, signed as the WordPress user making them.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

use WP_Error;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Sends one request to `<service_url>/api/v1/<path>`, signing exactly the method, path, query
 * and body it sends, and turns the service's error envelope into a WP_Error in the service's own
 * words: `code`, sentence, `status`, field `errors` and the rest of the answer (e.g. the balance
 * of an insufficient_credits answer).
 */
final class Service_Client {

	public const PREFIX  = '/api/v1/';
	public const TIMEOUT = 30;

	/** Roles from strongest to weakest: a user with several is signed with the strongest. */
	private const ROLES = array( 'administrator', 'editor', 'author', 'contributor', 'subscriber' );

	/**
	 * The path and query exactly as sent: repeated keys for lists (`ids=a&ids=b`), RFC 3986
	 * encoding, keys in the caller's order.
	 *
	 * @param array<string, scalar|array<scalar>> $query
	 */
	public static function target( string $path, array $query = array() ): string {
		$pairs = array();
		foreach ( $query as $key => $value ) {
			foreach ( is_array( $value ) ? $value : array( $value ) as $item ) {
				if ( is_bool( $item ) ) {
					$item = $item ? 'true' : 'false';
				}
				$pairs[] = rawurlencode( (string) $key ) . '=' . rawurlencode( (string) $item );
			}
		}
		return self::PREFIX . ltrim( $path, '/' ) . ( $pairs ? '?' . implode( '&', $pairs ) : '' );
	}

	/** The WordPress role the service maps to its own: the strongest the user has. */
	public static function role_of( \WP_User $user ): string {
		if ( is_multisite() && is_super_admin( $user->ID ) ) {
			return 'administrator';
		}
		foreach ( self::ROLES as $role ) {
			if ( in_array( $role, $user->roles, true ) ) {
				return $role;
			}
		}
		return (string) ( $user->roles[0] ?? 'subscriber' );
	}

	/**
	 * A signed JSON request as the current user.
	 *
	 * @param array<string, mixed> $query
	 * @param mixed                $data  Sent as JSON; null sends no body.
	 * @return array{status: int, body: mixed, headers: array<string, string>}|WP_Error
	 */
	public static function request( string $method, string $path, array $query = array(), mixed $data = null ): array|WP_Error {
		$body = null === $data ? '' : wp_json_encode( $data );
		if ( false === $body ) {
			return new WP_Error( 'igny8_invalid_body', __( 'The request body cannot be sent as JSON.', 'igny8' ), array( 'status' => 400 ) );
		}
		return self::send( $method, self::target( $path, $query ), $body, '' === $body ? array() : array( 'Content-Type' => 'application/json' ) );
	}

	/**
	 * A signed request whose body is already encoded (the proxy forwards the browser's JSON as is).
	 *
	 * @param array<string, string> $headers
	 * @param array<string, mixed>  $options Extra wp_remote_request() arguments (e.g. stream to a file).
	 * @return array{status: int, body: mixed, headers: array<string, string>}|WP_Error
	 */
	public static function send( string $method, string $target, string $body, array $headers = array(), array $options = array() ): array|WP_Error {
		return self::dispatch( $method, $target, Signer::body_hash( $body ), $headers, array_merge( $options, array( 'body' => '' === $body ? null : $body ) ) );
	}

	/**
	 * A signed upload of a file, read from disk as curl sends it: the file is hashed in pieces
	 * first (the hash is part of the signature, which travels ahead of the body), then streamed.
	 *
	 * @return array{status: int, body: mixed, headers: array<string, string>}|WP_Error
	 */
	public static function upload( string $target, string $file, string $content_type ): array|WP_Error {
		$size   = filesize( $file );
		$handle = fopen( $file, 'rb' );
		if ( false === $size || false === $handle ) {
			return new WP_Error( 'igny8_upload_unreadable', __( 'The uploaded file cannot be read.', 'igny8' ), array( 'status' => 400 ) );
		}
		$hash = Signer::file_hash( $file );
		if ( ! function_exists( 'curl_init' ) ) {
			// Without curl, WordPress's other transports take only a body in memory.
			fclose( $handle );
			return self::dispatch( 'POST', $target, $hash, array( 'Content-Type' => $content_type ), array( 'body' => (string) file_get_contents( $file ) ) );
		}
		$stream = static function ( $curl ) use ( $handle, $size ): void {
			curl_setopt( $curl, CURLOPT_UPLOAD, true );
			curl_setopt( $curl, CURLOPT_CUSTOMREQUEST, 'POST' );
			curl_setopt( $curl, CURLOPT_INFILE, $handle );
			curl_setopt( $curl, CURLOPT_INFILESIZE, $size );
		};
		add_action( 'http_api_curl', $stream );
		try {
			return self::dispatch(
				'POST',
				$target,
				$hash,
				array(
					'Content-Type'   => $content_type,
					'Content-Length' => (string) $size,
					// curl would otherwise wait for a 100 Continue before sending the body.
					'Expect'         => '',
				),
				array( 'body' => null )
			);
		} finally {
			remove_action( 'http_api_curl', $stream );
			fclose( $handle );
		}
	}

	/**
	 * @param array<string, string> $headers
	 * @param array<string, mixed>  $options
	 * @return array{status: int, body: mixed, headers: array<string, string>}|WP_Error
	 */
	private static function dispatch( string $method, string $target, string $body_hash, array $headers, array $options ): array|WP_Error {
		$signer = Settings::signer();
		if ( null === $signer ) {
			return self::not_connected();
		}
		$user     = wp_get_current_user();
		$response = wp_remote_request(
			Settings::service_url() . $target,
			array_merge(
				array(
					'method'      => strtoupper( $method ),
					'timeout'     => self::TIMEOUT,
					'redirection' => 0,
					'headers'     => array_merge(
						array(
							'Authorization' => $signer->authorization( $method, $target, $body_hash, (string) $user->ID, self::role_of( $user ) ),
							'Accept'        => 'application/json',
						),
						$headers
					),
				),
				$options
			)
		);
		return self::answer( $response );
	}

	/**
	 * The service's answer: decoded JSON on success, a WP_Error otherwise.
	 *
	 * @param array<string, mixed>|WP_Error $response From wp_remote_request().
	 * @return array{status: int, body: mixed, headers: array<string, string>}|WP_Error
	 */
	public static function answer( array|WP_Error $response ): array|WP_Error {
		if ( is_wp_error( $response ) ) {
			return new WP_Error(
				'igny8_service_unreachable',
				/* translators: %s: the reason WordPress gives, e.g. a connection timeout. */
				sprintf( __( 'The IGNY8 service cannot be reached: %s', 'igny8' ), $response->get_error_message() ),
				array( 'status' => 502 )
			);
		}
		$status  = (int) wp_remote_retrieve_response_code( $response );
		$headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		$raw  = (string) wp_remote_retrieve_body( $response );
		$json = str_contains( $headers['content-type'] ?? '', 'json' ) ? json_decode( $raw, true ) : null;
		if ( $status >= 200 && $status < 300 ) {
			return array(
				'status'  => $status,
				'body'    => $json ?? $raw,
				'headers' => $headers,
			);
		}
		return self::error( $status, is_array( $json ) ? $json : array() );
	}

	/**
	 * A service error envelope as a WP_Error: `{success: false, error, code, errors?, …}`.
	 *
	 * @param array<string, mixed> $envelope
	 */
	public static function error( int $status, array $envelope ): WP_Error {
		$code    = is_string( $envelope['code'] ?? null ) ? $envelope['code'] : 'igny8_service_error';
		$message = is_string( $envelope['error'] ?? null )
			? $envelope['error']
			/* translators: %d: an HTTP status code. */
			: sprintf( __( 'The IGNY8 service answered with status %d.', 'igny8' ), $status );
		$data = array_diff_key( $envelope, array_flip( array( 'success', 'error', 'code' ) ) );
		$data['status'] = $status >= 400 ? $status : 502;
		$data['errors'] = is_array( $envelope['errors'] ?? null ) ? $envelope['errors'] : array();
		return new WP_Error( $code, $message, $data );
	}

	public static function not_connected(): WP_Error {
		return new WP_Error(
			'igny8_not_connected',
			__( 'This site is not connected to IGNY8 yet: an administrator connects it under IGNY8 → Settings.', 'igny8' ),
			array( 'status' => 409 )
		);
	}
}
