<?php
/**
 * The IGNY8 menu in wp-admin: one page per screen, each loading only its own script.
 *
 * @package IGNY8
 */

declare(strict_types=1);

namespace IGNY8;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers the menu and, on the plugin's own pages only, enqueues `<build>/<screen>.js` with the
 * dependencies and version that `<build>/<screen>.asset.php` lists (and the chunks it shares with
 * other screens), the components' stylesheet, and `window.igny8` ahead of it, `<build>` being the
 * lean build where WordPress can run it (see uses_lean_build()), else `build/`. Each page renders
 * the root element its React screen mounts into.
 */
final class Admin_Pages {

	public const PARENT = 'igny8-keywords';

	/**
	 * The oldest WordPress the list screens' lean build (`build/lean/`) runs on. Its DataViews takes
	 * wp-components, wp-compose, wp-element, wp-keycodes, wp-private-apis and wp-theme from WordPress
	 * instead of carrying its own copy. 7.1 registers wp-theme (whose ThemeProvider the tooltips of
	 * DataViews need) and exports every component and hook DataViews imports, and the screens run on
	 * it (e2e); 6.8 has no wp-theme. DataViews 19.1 asks for @wordpress/components 41 while 7.1 ships
	 * 37: the rule rests on what DataViews calls, so check it again when DataViews is updated.
	 * Core's script versions are content hashes, so the WordPress version is what can be compared.
	 */
	public const LEAN_BUILD_SINCE = '7.1';

	/** @var array<string, string> Page hook suffix => screen. */
	private static array $hooks = array();

	public static function register(): void {
		add_action( 'admin_menu', array( self::class, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue' ) );
	}

	/**
	 * The screens in menu order: slug => [screen, menu title, capability].
	 *
	 * @return array<string, array{0: string, 1: string, 2: string}>
	 */
	public static function pages(): array {
		return array(
			'igny8-keywords' => array( 'keywords', __( 'Keywords', 'igny8' ), 'edit_posts' ),
			'igny8-clusters' => array( 'clusters', __( 'Clusters', 'igny8' ), 'edit_posts' ),
			'igny8-ideas'    => array( 'ideas', __( 'Ideas', 'igny8' ), 'edit_posts' ),
			'igny8-tasks'    => array( 'tasks', __( 'Tasks', 'igny8' ), 'edit_posts' ),
			'igny8-content'  => array( 'content', __( 'Content', 'igny8' ), 'edit_posts' ),
			'igny8-images'   => array( 'images', __( 'Images', 'igny8' ), 'edit_posts' ),
			'igny8-settings' => array( 'settings', __( 'Settings', 'igny8' ), 'manage_options' ),
		);
	}

	public static function add_menu(): void {
		self::$hooks = array();
		$hook        = add_menu_page(
			__( 'IGNY8', 'igny8' ),
			__( 'IGNY8', 'igny8' ),
			'edit_posts',
			self::PARENT,
			array( self::class, 'render' ),
			'dashicons-chart-area',
			26
		);
		self::$hooks[ (string) $hook ] = 'keywords';
		foreach ( self::pages() as $slug => [ $screen, $title, $capability ] ) {
			$hook = add_submenu_page(
				self::PARENT,
				/* translators: %s: the screen's name, e.g. Keywords. */
				sprintf( __( 'IGNY8 %s', 'igny8' ), $title ),
				$title,
				$capability,
				$slug,
				array( self::class, 'render' )
			);
			if ( $hook ) {
				self::$hooks[ (string) $hook ] = $screen;
			}
		}
	}

	/** The screen of the page being shown, or null on any other page. */
	public static function current_screen( string $hook_suffix ): ?string {
		return self::$hooks[ $hook_suffix ] ?? null;
	}

	public static function render(): void {
		$page   = sanitize_key( (string) ( $_GET['page'] ?? self::PARENT ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$screen = self::pages()[ $page ][0] ?? 'keywords';
		echo '<div class="wrap">';
		if ( ! is_readable( self::asset_file( self::build_dir( $screen ), $screen ) ) ) {
			printf(
				'<div class="notice notice-error"><p>%s</p></div>',
				esc_html__( 'This screen is not built: run `npm run build -w wp-plugin`, or install a packaged copy of the plugin.', 'igny8' )
			);
		}
		printf( '<div id="igny8-root" class="igny8-screen" data-screen="%s"></div>', esc_attr( $screen ) );
		echo '</div>';
	}

	public static function enqueue( string $hook_suffix ): void {
		$screen = self::current_screen( $hook_suffix );
		if ( null === $screen ) {
			return;
		}
		$dir = self::build_dir( $screen );
		if ( ! is_readable( self::asset_file( $dir, $screen ) ) ) {
			return;
		}
		$asset  = require self::asset_file( $dir, $screen );
		$handle = 'igny8-' . $screen;
		$deps   = array_merge( $asset['dependencies'] ?? array(), self::register_shared_chunks( $dir, $screen ) );
		wp_enqueue_script( $handle, plugins_url( "{$dir}{$screen}.js", IGNY8_FILE ), $deps, $asset['version'] ?? IGNY8_VERSION, true );
		wp_add_inline_script( $handle, 'window.igny8 = ' . wp_json_encode( self::boot_data( $screen ) ) . ';', 'before' );
		wp_set_script_translations( $handle, 'igny8', IGNY8_DIR . 'languages' );
		self::add_lazy_chunk_translations( $dir, $handle, $screen );

		wp_enqueue_style( 'wp-components' );
		// @wordpress/scripts writes a screen's imported CSS to <screen>.css and its style.scss to style-<screen>.css.
		foreach ( array( "{$screen}.css", "style-{$screen}.css" ) as $css ) {
			if ( is_readable( IGNY8_DIR . $dir . $css ) ) {
				$style = "{$handle}-" . sanitize_key( $css );
				wp_enqueue_style( $style, plugins_url( $dir . $css, IGNY8_FILE ), array( 'wp-components' ), $asset['version'] ?? IGNY8_VERSION );
				wp_style_add_data( $style, 'rtl', 'replace' );
			}
		}
	}

	/**
	 * Whether this WordPress runs the lean build: its version is LEAN_BUILD_SINCE or later and it
	 * registers wp-theme (without it WordPress would print none of the screen's script).
	 */
	public static function uses_lean_build(): bool {
		return version_compare( (string) get_bloginfo( 'version' ), self::LEAN_BUILD_SINCE, '>=' ) && wp_script_is( 'wp-theme', 'registered' );
	}

	/**
	 * The build folder a screen is loaded from, relative to the plugin: `build/lean/` for a list
	 * screen where WordPress runs the lean build, else `build/` (every screen is there).
	 */
	public static function build_dir( string $screen ): string {
		return self::uses_lean_build() && is_readable( self::asset_file( 'build/lean/', $screen ) ) ? 'build/lean/' : 'build/';
	}

	/**
	 * What every screen knows before its first request.
	 *
	 * @return array<string, mixed>
	 */
	public static function boot_data( string $screen ): array {
		return array(
			'screen'        => $screen,
			'connected'     => Settings::is_connected(),
			'siteName'      => (string) get_option( Settings::SITE_NAME, '' ),
			'accountName'   => (string) get_option( Settings::ACCOUNT_NAME, '' ),
			'restNamespace' => Rest_Proxy::NAMESPACE,
			'settingsUrl'   => admin_url( 'admin.php?page=igny8-settings' ),
			'userCan'       => array(
				'edit_posts'     => current_user_can( 'edit_posts' ),
				'publish_posts'  => current_user_can( 'publish_posts' ),
				'manage_options' => current_user_can( 'manage_options' ),
				'upload_files'   => current_user_can( 'upload_files' ),
			),
		);
	}

	/**
	 * Registers the chunks the screen's script needs before it runs (the list screens share one
	 * with DataViews in it), as the build's `chunks.json` lists them, each with the dependencies and
	 * version of its own .asset.php; returns their handles.
	 *
	 * @return list<string>
	 */
	private static function register_shared_chunks( string $dir, string $screen ): array {
		$manifest = IGNY8_DIR . $dir . 'chunks.json';
		$chunks   = is_readable( $manifest ) ? wp_json_file_decode( $manifest, array( 'associative' => true ) ) : null;
		$handles  = array();
		foreach ( $chunks[ $screen ]['initial'] ?? array() as $file ) {
			$name = basename( (string) $file, '.js' );
			if ( $name === $screen || ! preg_match( '/^[\w-]+$/', $name ) || ! is_readable( self::asset_file( $dir, $name ) ) ) {
				continue;
			}
			$asset  = require self::asset_file( $dir, $name );
			$handle = 'igny8-chunk-' . $name;
			wp_register_script( $handle, plugins_url( "{$dir}{$name}.js", IGNY8_FILE ), $asset['dependencies'] ?? array(), $asset['version'] ?? IGNY8_VERSION, true );
			$handles[] = $handle;
		}
		return $handles;
	}

	/**
	 * The translations of the chunks a screen loads later (its dialogs and panels). WordPress hands
	 * a script its translations only when the script is enqueued, which a chunk fetched on demand
	 * never is: each chunk's are given to `wp.i18n` before the screen's script runs, as WordPress
	 * does for an enqueued one.
	 */
	private static function add_lazy_chunk_translations( string $dir, string $handle, string $screen ): void {
		$manifest = IGNY8_DIR . $dir . 'chunks.json';
		$chunks   = is_readable( $manifest ) ? wp_json_file_decode( $manifest, array( 'associative' => true ) ) : null;
		foreach ( $chunks[ $screen ]['lazy'] ?? array() as $file ) {
			$name = basename( (string) $file, '.js' );
			if ( ! preg_match( '/^[\w-]+$/', $name ) ) {
				continue;
			}
			// Registered only so that WordPress finds the chunk's translation file by its path; never enqueued.
			$chunk = 'igny8-lazy-' . $name;
			wp_register_script( $chunk, plugins_url( "{$dir}{$name}.js", IGNY8_FILE ), array(), IGNY8_VERSION, true );
			$json = load_script_textdomain( $chunk, 'igny8', IGNY8_DIR . 'languages' );
			if ( $json ) {
				wp_add_inline_script(
					$handle,
					"( function( domain, translations ) { var data = translations.locale_data[ domain ] || translations.locale_data.messages; data[''].domain = domain; wp.i18n.setLocaleData( data, domain ); } )( 'igny8', {$json} );",
					'before'
				);
			}
		}
	}

	/** A script's .asset.php in a build folder (`build/` or `build/lean/`). */
	private static function asset_file( string $dir, string $name ): string {
		return IGNY8_DIR . "{$dir}{$name}.asset.php";
	}
}
