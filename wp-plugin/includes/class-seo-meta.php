<?php
/**
 * The SEO fields that publishing writes, registered for the REST API.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers IGNY8's own title, description and focus-keyword meta, and Yoast SEO's or Rank Math's
 * when that plugin is active, so the service's publishing (a REST client with an application
 * password) can set them. The service reads which keys exist from the `meta` properties of the
 * posts schema. Each key is writable only by users who may edit the post.
 */
final class Seo_Meta {

	public const OWN        = array( '_igny8_meta_title', '_igny8_meta_description', '_igny8_focus_keyword' );
	public const YOAST      = array( '_yoast_wpseo_title', '_yoast_wpseo_metadesc', '_yoast_wpseo_focuskw' );
	public const RANK_MATH  = array( 'rank_math_title', 'rank_math_description', 'rank_math_focus_keyword' );

	public static function register(): void {
		add_action( 'init', array( self::class, 'register_keys' ) );
	}

	/**
	 * The keys to register on this site.
	 *
	 * @return string[]
	 */
	public static function keys(): array {
		$keys = self::OWN;
		if ( defined( 'WPSEO_VERSION' ) ) {
			$keys = array_merge( $keys, self::YOAST );
		}
		if ( defined( 'RANK_MATH_VERSION' ) || class_exists( 'RankMath' ) ) {
			$keys = array_merge( $keys, self::RANK_MATH );
		}
		return $keys;
	}

	public static function register_keys(): void {
		foreach ( self::keys() as $key ) {
			register_post_meta(
				'',
				$key,
				array(
					'show_in_rest'      => true,
					'single'            => true,
					'type'              => 'string',
					'default'           => '',
					'sanitize_callback' => 'sanitize_text_field',
					'auth_callback'     => static fn ( $allowed, $meta_key, $post_id ) => current_user_can( 'edit_post', (int) $post_id ),
				)
			);
		}
	}
}
