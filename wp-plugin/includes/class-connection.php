<?php
/**
 * Connecting the site to IGNY8 and disconnecting it, and the settings routes of the screen.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

use WP_Application_Passwords;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Connect: a new Ed25519 key pair (the private key stays here), optionally an application password
 * for publishing (the administrator's consent), both handed to `POST /connect` with a one-time
 * code. Disconnect: the service revokes the key and forgets the password (a signed
 * `DELETE /sites/{id}/connect`), then the password and the options are deleted here.
 */
final class Connection {

	public const APP_PASSWORD_NAME = 'IGNY8 publishing';

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
	}

	public static function register_routes(): void {
		$admin = static fn () => Rest_Proxy::allow( 'manage_options' );
		register_rest_route(
			Rest_Proxy::NAMESPACE,
			'/connection',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => static fn () => new WP_REST_Response( self::status() ),
					'permission_callback' => $admin,
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( self::class, 'connect_route' ),
					'permission_callback' => $admin,
					'args'                => array(
						'service_url'         => array(
							'type'   => 'string',
							'format' => 'uri',
						),
						'code'                => array(
							'type'      => 'string',
							'required'  => true,
							'minLength' => 1,
							'maxLength' => 200,
						),
						'create_app_password' => array(
							'type'    => 'boolean',
							'default' => false,
						),
					),
				),
				array(
					'methods'             => WP_REST_Server::DELETABLE,
					'callback'            => array( self::class, 'disconnect_route' ),
					'permission_callback' => $admin,
					'args'                => array(
						'force' => array(
							'type'        => 'boolean',
							'default'     => false,
							'description' => __( 'Forget the connection here even when the service cannot be reached.', 'igny8' ),
						),
					),
				),
			)
		);
		register_rest_route(
			Rest_Proxy::NAMESPACE,
			'/settings/abilities',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => static fn () => new WP_REST_Response( Abilities::exposure() ),
					'permission_callback' => $admin,
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( self::class, 'save_abilities_route' ),
					'permission_callback' => $admin,
					'args'                => array(
						'mcp_public' => array(
							'type'     => 'array',
							'required' => true,
							'items'    => array(
								'type' => 'string',
								'enum' => Abilities::names(),
							),
						),
					),
				),
			)
		);
	}

	/**
	 * What the settings screen shows about the connection (never a key or password).
	 *
	 * @return array<string, mixed>
	 */
	public static function status(): array {
		return array(
			'connected'         => Settings::is_connected(),
			'service_url'       => Settings::service_url(),
			'service_url_fixed' => Settings::service_url_is_fixed(),
			'site_id'           => Settings::site_id() ?: null,
			'account_name'      => (string) get_option( Settings::ACCOUNT_NAME, '' ),
			'site_name'         => (string) get_option( Settings::SITE_NAME, '' ),
			'app_password'      => '' !== (string) get_option( Settings::APP_PASSWORD_UUID, '' ),
			'app_passwords_available' => wp_is_application_passwords_available(),
		);
	}

	public static function connect_route( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$result = self::connect( (string) ( $request['service_url'] ?? '' ), trim( (string) $request['code'] ), (bool) $request['create_app_password'] );
		return is_wp_error( $result ) ? $result : new WP_REST_Response( self::status() );
	}

	public static function disconnect_route( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$result = self::disconnect( (bool) $request['force'] );
		return is_wp_error( $result ) ? $result : new WP_REST_Response( self::status() );
	}

	public static function save_abilities_route( WP_REST_Request $request ): WP_REST_Response {
		Settings::set_mcp_abilities( (array) $request['mcp_public'] );
		return new WP_REST_Response( Abilities::exposure() );
	}

	/** Connects with a one-time code; nothing is kept when the service refuses. */
	public static function connect( string $service_url, string $code, bool $create_app_password ): true|WP_Error {
		if ( Settings::is_connected() ) {
			return new WP_Error( 'igny8_already_connected', __( 'This site is already connected: disconnect it first.', 'igny8' ), array( 'status' => 409 ) );
		}
		$url = Settings::service_url_is_fixed() ? Settings::service_url() : untrailingslashit( trim( $service_url ) );
		if ( ! preg_match( '#^https?://[^/\s]+#i', $url ) ) {
			return new WP_Error(
				'rest_invalid_param',
				__( 'Enter the IGNY8 service URL, e.g. https://igny8.example.com.', 'igny8' ),
				array(
					'status' => 400,
					'errors' => array( 'service_url' => array( __( 'Must be an http or https URL.', 'igny8' ) ) ),
				)
			);
		}
		$user = wp_get_current_user();
		$keys = Signer::generate_keys();
		$body = array(
			'code'       => $code,
			'public_key' => $keys['public_key'],
			'wp_url'     => home_url(),
		);

		$uuid = '';
		if ( $create_app_password ) {
			if ( ! wp_is_application_passwords_available_for_user( $user ) ) {
				return new WP_Error(
					'igny8_app_passwords_unavailable',
					__( 'WordPress does not allow application passwords here (they need HTTPS, or a local environment): connect without one.', 'igny8' ),
					array( 'status' => 409 )
				);
			}
			$created = WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => self::APP_PASSWORD_NAME ) );
			if ( is_wp_error( $created ) ) {
				$created->add_data( array( 'status' => 409 ) );
				return $created;
			}
			$uuid                    = (string) $created[1]['uuid'];
			$body['wp_username']     = $user->user_login;
			$body['wp_app_password'] = $created[0];
		}

		$answer = Service_Client::answer(
			wp_remote_post(
				$url . Service_Client::PREFIX . 'connect',
				array(
					'timeout'     => Service_Client::TIMEOUT,
					'redirection' => 0,
					'headers'     => array(
						'Content-Type' => 'application/json',
						'Accept'       => 'application/json',
					),
					'body'        => wp_json_encode( $body ),
				)
			)
		);
		$site = is_wp_error( $answer ) ? null : ( $answer['body']['data'] ?? null );
		if ( ! is_array( $site ) || ! is_string( $site['site_id'] ?? null ) ) {
			if ( '' !== $uuid ) {
				WP_Application_Passwords::delete_application_password( $user->ID, $uuid );
			}
			return is_wp_error( $answer ) ? $answer : new WP_Error( 'igny8_service_error', __( 'The IGNY8 service gave an answer this plugin does not understand.', 'igny8' ), array( 'status' => 502 ) );
		}

		Settings::save_connection(
			array(
				'service_url'       => $url,
				'site_id'           => $site['site_id'],
				'secret_key'        => $keys['secret_key'],
				'public_key'        => $keys['public_key'],
				'account_name'      => (string) ( $site['account_name'] ?? '' ),
				'site_name'         => (string) ( $site['site_name'] ?? '' ),
				'app_password_uuid' => $uuid,
			)
		);
		return true;
	}

	/**
	 * Revokes the key on the service, then forgets it here with the application password. With
	 * `$force`, forgets it here even when the service cannot be reached (its key then stays
	 * registered there until an owner disconnects the site in the dashboard).
	 */
	public static function disconnect( bool $force = false ): true|WP_Error {
		if ( ! Settings::is_connected() ) {
			return Service_Client::not_connected();
		}
		$answer = Service_Client::request( 'DELETE', 'sites/' . rawurlencode( Settings::site_id() ) . '/connect' );
		// 401: the service already forgot this key (revoked from the dashboard), so nothing is left to revoke.
		$revoked = ! is_wp_error( $answer ) || 401 === ( $answer->get_error_data()['status'] ?? 0 );
		if ( ! $revoked && ! $force ) {
			return $answer;
		}
		self::delete_app_password();
		Settings::clear_connection();
		return true;
	}

	/** Deletes the application password the plugin made, whichever administrator it belongs to. */
	public static function delete_app_password(): void {
		$uuid = (string) get_option( Settings::APP_PASSWORD_UUID, '' );
		if ( '' === $uuid ) {
			return;
		}
		$users = get_users(
			array(
				'meta_key' => WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS, // phpcs:ignore WordPress.DB.SlowDBQuery
				'fields'   => 'ID',
			)
		);
		foreach ( $users as $user_id ) {
			if ( WP_Application_Passwords::get_user_application_password( (int) $user_id, $uuid ) ) {
				WP_Application_Passwords::delete_application_password( (int) $user_id, $uuid );
			}
		}
	}
}
