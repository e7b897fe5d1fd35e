<?php
/**
 * The plugin's options: one place that knows their names and how they are stored.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Reads and writes the connection's options. The private key is stored apart and never
 * autoloaded, so it is read only by the requests that sign.
 */
final class Settings {

	public const SERVICE_URL       = 'igny8_service_url';
	public const SITE_ID           = 'igny8_site_id';
	public const PRIVATE_KEY       = 'igny8_private_key';
	public const PUBLIC_KEY        = 'igny8_public_key';
	public const ACCOUNT_NAME      = 'igny8_account_name';
	public const SITE_NAME         = 'igny8_site_name';
	public const APP_PASSWORD_UUID = 'igny8_app_password_uuid';
	public const MCP_ABILITIES     = 'igny8_mcp_abilities';

	/** Every option the plugin owns (uninstall removes them all). */
	public const ALL = array(
		self::SERVICE_URL,
		self::SITE_ID,
		self::PRIVATE_KEY,
		self::PUBLIC_KEY,
		self::ACCOUNT_NAME,
		self::SITE_NAME,
		self::APP_PASSWORD_UUID,
		self::MCP_ABILITIES,
	);

	/** Whether wp-config.php fixes the service URL (the settings screen then shows it read-only). */
	public static function service_url_is_fixed(): bool {
		return defined( 'IGNY8_SERVICE_URL' ) && '' !== (string) constant( 'IGNY8_SERVICE_URL' );
	}

	/** The service's base URL without a trailing slash, '' when none is set. */
	public static function service_url(): string {
		$url = self::service_url_is_fixed() ? (string) constant( 'IGNY8_SERVICE_URL' ) : (string) get_option( self::SERVICE_URL, '' );
		return untrailingslashit( $url );
	}

	public static function site_id(): string {
		return (string) get_option( self::SITE_ID, '' );
	}

	public static function is_connected(): bool {
		return '' !== self::site_id() && '' !== self::service_url() && '' !== (string) get_option( self::PRIVATE_KEY, '' );
	}

	/** A signer with the site's key, or null while not connected. */
	public static function signer(): ?Signer {
		if ( ! self::is_connected() ) {
			return null;
		}
		$key = base64_decode( (string) get_option( self::PRIVATE_KEY, '' ), true );
		if ( false === $key || SODIUM_CRYPTO_SIGN_SECRETKEYBYTES !== strlen( $key ) ) {
			return null;
		}
		return new Signer( self::site_id(), $key );
	}

	/**
	 * Stores what connecting produced.
	 *
	 * @param array{service_url: string, site_id: string, secret_key: string, public_key: string, account_name: string, site_name: string, app_password_uuid: string} $connection
	 */
	public static function save_connection( array $connection ): void {
		if ( ! self::service_url_is_fixed() ) {
			update_option( self::SERVICE_URL, untrailingslashit( $connection['service_url'] ), false );
		}
		update_option( self::PRIVATE_KEY, base64_encode( $connection['secret_key'] ), false );
		update_option( self::PUBLIC_KEY, $connection['public_key'], false );
		update_option( self::SITE_ID, $connection['site_id'] );
		update_option( self::ACCOUNT_NAME, $connection['account_name'] );
		update_option( self::SITE_NAME, $connection['site_name'] );
		update_option( self::APP_PASSWORD_UUID, $connection['app_password_uuid'], false );
	}

	/** Forgets the connection; the service URL stays, to reconnect with a new code. */
	public static function clear_connection(): void {
		foreach ( array( self::SITE_ID, self::PRIVATE_KEY, self::PUBLIC_KEY, self::ACCOUNT_NAME, self::SITE_NAME, self::APP_PASSWORD_UUID ) as $option ) {
			delete_option( $option );
		}
	}

	/**
	 * The abilities an administrator exposed to MCP clients (none by default).
	 *
	 * @return string[]
	 */
	public static function mcp_abilities(): array {
		$names = get_option( self::MCP_ABILITIES, array() );
		return is_array( $names ) ? array_values( array_filter( $names, 'is_string' ) ) : array();
	}

	/** @param string[] $names */
	public static function set_mcp_abilities( array $names ): void {
		update_option( self::MCP_ABILITIES, array_values( array_unique( $names ) ), false );
	}
}
