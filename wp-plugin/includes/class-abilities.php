<?php
/**
 * IGNY8's planner and writer as WordPress abilities, for AI agents (WordPress 6.9+).
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
 * Registers the `igny8` category and its abilities where the Abilities API exists (feature-detected:
 * the plugin runs on 6.8 without it). Each ability is one signed service call made as the user
 * running it, behind the same capability as the screen that does the same thing; the service then
 * checks the object (its site, the user's mapped role). Exposure to MCP clients is off until an
 * administrator switches it on per ability in the settings.
 */
final class Abilities {

	public const CATEGORY = 'igny8';

	public static function register(): void {
		add_action( 'wp_abilities_api_categories_init', array( self::class, 'register_category' ) );
		add_action( 'wp_abilities_api_init', array( self::class, 'register_abilities' ) );
	}

	/** Whether this WordPress has the Abilities API. */
	public static function available(): bool {
		return function_exists( 'wp_register_ability' ) && function_exists( 'wp_register_ability_category' );
	}

	public static function register_category(): void {
		if ( ! self::available() ) {
			return;
		}
		wp_register_ability_category(
			self::CATEGORY,
			array(
				'label'       => __( 'IGNY8', 'igny8' ),
				'description' => __( 'Plan SEO keywords and generate and publish content with IGNY8.', 'igny8' ),
			)
		);
	}

	public static function register_abilities(): void {
		if ( ! self::available() ) {
			return;
		}
		$public = Settings::mcp_abilities();
		foreach ( self::definitions() as $name => $definition ) {
			$capability = $definition['capability'];
			$call       = $definition['call'];
			wp_register_ability(
				$name,
				array(
					'label'               => $definition['label'],
					'description'         => $definition['description'],
					'category'            => self::CATEGORY,
					'input_schema'        => $definition['input'],
					'output_schema'       => $definition['output'],
					'execute_callback'    => static fn ( $input = null ) => self::run( $call, is_array( $input ) ? $input : array() ),
					'permission_callback' => static fn () => current_user_can( $capability ),
					'meta'                => array(
						'annotations'  => $definition['annotations'],
						'show_in_rest' => true,
						'mcp'          => array(
							'public' => in_array( $name, $public, true ),
							'type'   => 'tool',
						),
					),
				)
			);
		}
	}

	/**
	 * The abilities' names.
	 *
	 * @return string[]
	 */
	public static function names(): array {
		return array_keys( self::definitions() );
	}

	/**
	 * What the settings screen shows: whether abilities exist here and which are exposed to MCP.
	 *
	 * @return array{available: bool, abilities: list<array{name: string, label: string, description: string, mcp_public: bool}>}
	 */
	public static function exposure(): array {
		$public    = Settings::mcp_abilities();
		$abilities = array();
		foreach ( self::definitions() as $name => $definition ) {
			$abilities[] = array(
				'name'        => $name,
				'label'       => $definition['label'],
				'description' => $definition['description'],
				'mcp_public'  => in_array( $name, $public, true ),
			);
		}
		return array(
			'available' => self::available(),
			'abilities' => $abilities,
		);
	}

	/**
	 * Calls the service and answers its data (or, for a list, the page).
	 *
	 * @param callable(array<string, mixed>): array{0: string, 1: string, 2: array<string, mixed>, 3: mixed} $call Input => [method, path, query, body].
	 * @param array<string, mixed>                                                                          $input
	 */
	private static function run( callable $call, array $input ): mixed {
		[ $method, $path, $query, $body ] = $call( $input );
		$answer                           = Service_Client::request( $method, $path, $query, $body );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$envelope = is_array( $answer['body'] ) ? $answer['body'] : array();
		if ( array_key_exists( 'results', $envelope ) ) {
			return array(
				'count'   => (int) ( $envelope['count'] ?? 0 ),
				'results' => $envelope['results'],
			);
		}
		return $envelope['data'] ?? new WP_Error( 'igny8_service_error', __( 'The IGNY8 service gave an answer this plugin does not understand.', 'igny8' ), array( 'status' => 502 ) );
	}

	/**
	 * The abilities: name => label, description, capability, JSON Schemas, annotations and the
	 * service call each makes.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function definitions(): array {
		$uuid   = array(
			'type'   => 'string',
			'format' => 'uuid',
		);
		$uuids  = array(
			'type'     => 'array',
			'items'    => $uuid,
			'minItems' => 1,
			'maxItems' => 100,
		);
		$run    = array(
			'type'       => 'object',
			'properties' => array( 'run_id' => $uuid ),
			'required'   => array( 'run_id' ),
		);
		$object = array( 'type' => 'object' );
		$starts = array(
			'readonly'    => false,
			'destructive' => false,
			'idempotent'  => false,
		);
		$reads  = array(
			'readonly'    => true,
			'destructive' => false,
			'idempotent'  => true,
		);

		return array(
			'igny8/list-clusters'    => array(
				'label'       => __( 'List keyword clusters', 'igny8' ),
				'description' => __( 'Lists the keyword clusters of this site, optionally of one sector or matching a search, with their keyword counts and volumes.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array(
						'sector_id' => $uuid,
						'search'    => array(
							'type'      => 'string',
							'maxLength' => 200,
						),
						'page'      => array(
							'type'    => 'integer',
							'minimum' => 1,
							'default' => 1,
						),
						'page_size' => array(
							'type'    => 'integer',
							'minimum' => 1,
							'maximum' => 500,
							'default' => 50,
						),
					),
					'additionalProperties' => false,
					'default'              => array(),
				),
				'output'      => array(
					'type'       => 'object',
					'properties' => array(
						'count'   => array( 'type' => 'integer' ),
						'results' => array(
							'type'  => 'array',
							'items' => $object,
						),
					),
					'required'   => array( 'count', 'results' ),
				),
				'annotations' => $reads,
				'call'        => static fn ( array $in ) => array( 'GET', 'planner/clusters', array_intersect_key( $in, array_flip( array( 'sector_id', 'search', 'page', 'page_size' ) ) ), null ),
			),
			'igny8/import-keywords'  => array(
				'label'       => __( 'Import keywords', 'igny8' ),
				'description' => __( 'Adds keywords to a sector; a keyword already in the sector is updated instead of repeated.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array(
						'sector_id' => $uuid,
						'keywords'  => array(
							'type'     => 'array',
							'minItems' => 1,
							'maxItems' => 1000,
							'items'    => array(
								'type'                 => 'object',
								'properties'           => array(
									'keyword'    => array(
										'type'      => 'string',
										'minLength' => 1,
										'maxLength' => 255,
									),
									'volume'     => array(
										'type'    => 'integer',
										'minimum' => 0,
									),
									'difficulty' => array(
										'type'    => 'integer',
										'minimum' => 0,
										'maximum' => 100,
									),
									'intent'     => array(
										'type' => 'string',
										'enum' => array( 'informational', 'navigational', 'commercial', 'transactional' ),
									),
								),
								'required'             => array( 'keyword' ),
								'additionalProperties' => false,
							),
						),
					),
					'required'             => array( 'sector_id', 'keywords' ),
					'additionalProperties' => false,
				),
				'output'      => array(
					'type'  => 'array',
					'items' => $object,
				),
				'annotations' => array(
					'readonly'    => false,
					'destructive' => false,
					'idempotent'  => true,
				),
				'call'        => static fn ( array $in ) => array(
					'POST',
					'planner/keywords',
					array(),
					array_map( static fn ( array $keyword ) => array( 'sector_id' => $in['sector_id'] ) + $keyword, $in['keywords'] ),
				),
			),
			'igny8/cluster-sector'   => array(
				'label'       => __( 'Cluster a sector’s keywords', 'igny8' ),
				'description' => __( 'Starts grouping a sector’s keywords into topic clusters with AI; answers the id of the run to follow with igny8/get-run. Costs credits.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array(
						'sector_id'   => $uuid,
						'granularity' => array(
							'type'    => 'string',
							'enum'    => array( 'broad', 'balanced', 'tight' ),
							'default' => 'balanced',
						),
					),
					'required'             => array( 'sector_id' ),
					'additionalProperties' => false,
				),
				'output'      => $run,
				'annotations' => $starts,
				'call'        => static fn ( array $in ) => array( 'POST', 'planner/keywords/auto-cluster', array(), $in ),
			),
			'igny8/generate-ideas'   => array(
				'label'       => __( 'Generate content ideas', 'igny8' ),
				'description' => __( 'Starts writing article ideas for clusters with AI; answers the id of the run to follow with igny8/get-run. Costs credits.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array( 'cluster_ids' => $uuids ),
					'required'             => array( 'cluster_ids' ),
					'additionalProperties' => false,
				),
				'output'      => $run,
				'annotations' => $starts,
				'call'        => static fn ( array $in ) => array( 'POST', 'planner/clusters/generate-ideas', array(), $in ),
			),
			'igny8/generate-article' => array(
				'label'       => __( 'Generate an article draft', 'igny8' ),
				'description' => __( 'Starts writing the articles of writer tasks with AI; answers the id of the run to follow with igny8/get-run. Costs credits.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array( 'task_ids' => $uuids ),
					'required'             => array( 'task_ids' ),
					'additionalProperties' => false,
				),
				'output'      => $run,
				'annotations' => $starts,
				'call'        => static fn ( array $in ) => array( 'POST', 'writer/tasks/generate-content', array(), $in ),
			),
			'igny8/get-run'          => array(
				'label'       => __( 'Get an AI run', 'igny8' ),
				'description' => __( 'The state of an AI run: status, phase, progress 0–100, message, result or error, and the credits it used.', 'igny8' ),
				'capability'  => 'edit_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array( 'run_id' => $uuid ),
					'required'             => array( 'run_id' ),
					'additionalProperties' => false,
				),
				'output'      => array(
					'type'       => 'object',
					'properties' => array(
						'id'       => $uuid,
						'status'   => array(
							'type' => 'string',
							'enum' => array( 'queued', 'running', 'succeeded', 'failed' ),
						),
						'progress' => array( 'type' => 'integer' ),
					),
					'required'   => array( 'id', 'status' ),
				),
				'annotations' => $reads,
				'call'        => static fn ( array $in ) => array( 'GET', 'ai/runs/' . rawurlencode( (string) $in['run_id'] ), array(), null ),
			),
			'igny8/publish'          => array(
				'label'       => __( 'Publish an article', 'igny8' ),
				'description' => __( 'Publishes a generated article to this site as a post (or a draft); answers the id of the run to follow with igny8/get-run.', 'igny8' ),
				'capability'  => 'publish_posts',
				'input'       => array(
					'type'                 => 'object',
					'properties'           => array(
						'content_id' => $uuid,
						'status'     => array(
							'type'    => 'string',
							'enum'    => array( 'draft', 'publish' ),
							'default' => 'publish',
						),
					),
					'required'             => array( 'content_id' ),
					'additionalProperties' => false,
				),
				'output'      => $run,
				'annotations' => array(
					'readonly'    => false,
					'destructive' => true,
					'idempotent'  => false,
				),
				'call'        => static fn ( array $in ) => array(
					'POST',
					'writer/content/' . rawurlencode( (string) $in['content_id'] ) . '/publish',
					array(),
					array( 'status' => $in['status'] ?? 'publish' ),
				),
			),
		);
	}
}
