<?php
/**
 * Signs the plugin's requests to the IGNY8 service with the site's own Ed25519 key.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Makes the `Authorization: IGNY8-Site <jws>` header of one request: a compact JWS (EdDSA) whose
 * claims bind it to the site, the WordPress user and role, a 60-second window, a single-use id,
 * the method, the path and query, and the SHA-256 of the body. The private key never leaves the
 * site; the service holds only the public key, registered when the site connects.
 */
final class Signer {

	/** Seconds a signature is valid; the service accepts at most 60. */
	public const LIFETIME = 60;

	/**
	 * @param string $site_id    The site's id in IGNY8 (the `iss` claim).
	 * @param string $secret_key The 64-byte sodium signing key (seed and public key).
	 */
	public function __construct( private string $site_id, private string $secret_key ) {
		if ( SODIUM_CRYPTO_SIGN_SECRETKEYBYTES !== strlen( $secret_key ) ) {
			throw new \InvalidArgumentException( 'The signing key must be a sodium Ed25519 secret key of 64 bytes.' );
		}
	}

	/**
	 * A new key pair: keep `secret_key` in an option that is not autoloaded, send `public_key` to
	 * the service when connecting.
	 *
	 * @return array{public_key: string, secret_key: string} The public key in base64url, the secret key raw.
	 */
	public static function generate_keys(): array {
		$pair = sodium_crypto_sign_keypair();
		return array(
			'public_key' => self::base64url( sodium_crypto_sign_publickey( $pair ) ),
			'secret_key' => sodium_crypto_sign_secretkey( $pair ),
		);
	}

	/** The key pair of a 32-byte seed (for tests and for keys restored from a seed). */
	public static function keys_from_seed( string $seed ): array {
		$pair = sodium_crypto_sign_seed_keypair( $seed );
		return array(
			'public_key' => self::base64url( sodium_crypto_sign_publickey( $pair ) ),
			'secret_key' => sodium_crypto_sign_secretkey( $pair ),
		);
	}

	/** The base64url SHA-256 of a body held in memory (`''` for none). */
	public static function body_hash( string $body ): string {
		return self::base64url( hash( 'sha256', $body, true ) );
	}

	/** The base64url SHA-256 of a file, read in pieces: uploads are never loaded whole. */
	public static function file_hash( string $path ): string {
		$digest = hash_file( 'sha256', $path, true );
		if ( false === $digest ) {
			throw new \RuntimeException( 'The file to upload cannot be read.' );
		}
		return self::base64url( $digest );
	}

	/**
	 * The header value for one request.
	 *
	 * @param string   $method     HTTP method, e.g. POST.
	 * @param string   $target     Path and query exactly as sent, e.g. /api/v1/planner/keywords?page=2.
	 * @param string   $body_hash  From body_hash() or file_hash().
	 * @param string   $wp_user_id The WordPress user acting.
	 * @param string   $wp_role    That user's role (administrator, editor, author…).
	 * @param int|null $now        The time to sign at; the current time when null.
	 */
	public function authorization( string $method, string $target, string $body_hash, string $wp_user_id, string $wp_role, ?int $now = null ): string {
		return 'IGNY8-Site ' . $this->sign( $method, $target, $body_hash, $wp_user_id, $wp_role, $now );
	}

	/** The compact JWS for one request (see authorization()). */
	public function sign( string $method, string $target, string $body_hash, string $wp_user_id, string $wp_role, ?int $now = null ): string {
		$now    = $now ?? time();
		$header = array(
			'alg' => 'EdDSA',
			'typ' => 'JWT',
		);
		$claims = array(
			'iss'     => $this->site_id,
			'sub'     => $wp_user_id,
			'wp_role' => $wp_role,
			'iat'     => $now,
			'exp'     => $now + self::LIFETIME,
			'jti'     => bin2hex( random_bytes( 16 ) ),
			'htm'     => strtoupper( $method ),
			'htu'     => $target,
			'bh'      => $body_hash,
		);
		$input = self::base64url( self::json( $header ) ) . '.' . self::base64url( self::json( $claims ) );
		return $input . '.' . self::base64url( sodium_crypto_sign_detached( $input, $this->secret_key ) );
	}

	/** Base64url without padding (RFC 7515). */
	public static function base64url( string $bytes ): string {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
	}

	private static function json( array $value ): string {
		return json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR );
	}
}
