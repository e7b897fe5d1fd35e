<?php
/**
 * Command-line harness for the signer, used by the service's tests: reads one JSON request
 * description on stdin and prints {public_key, authorization}.
 *
 * Input: {seed (base64url, 32 bytes), site_id, method, target, wp_user_id, wp_role,
 *         body (string) | body_file (path, hashed as a stream)}.
 *
 * @package IGNY8
 */

declare(strict_types=1);

define( 'ABSPATH', __DIR__ . '/' );
require __DIR__ . '/../../includes/class-signer.php';

$in   = json_decode( (string) stream_get_contents( STDIN ), true, 16, JSON_THROW_ON_ERROR );
$seed = base64_decode( strtr( $in['seed'], '-_', '+/' ), true );
$keys = IGNY8\Signer::keys_from_seed( $seed );
$hash = isset( $in['body_file'] ) ? IGNY8\Signer::file_hash( $in['body_file'] ) : IGNY8\Signer::body_hash( $in['body'] ?? '' );

$signer = new IGNY8\Signer( $in['site_id'], $keys['secret_key'] );
echo json_encode(
	array(
		'public_key'    => $keys['public_key'],
		'authorization' => $signer->authorization( $in['method'], $in['target'], $hash, (string) $in['wp_user_id'], $in['wp_role'] ),
	),
	JSON_UNESCAPED_SLASHES
);
