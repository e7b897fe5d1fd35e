import { generateKeyPairSync } from 'node:crypto';
import { wpPhp } from './plugin';
import { rest } from './rest';
import type { RunningService } from './service';
import type { WordPress } from './site';

/**
 * Connects the site to the service as the connect screen would leave it, without going through
 * that screen: a fresh Ed25519 key registered by the site's owner, and the plugin's options set.
 */
export async function connectSite(wp: WordPress, service: RunningService): Promise<void> {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const res = await service.svc.call('POST', `/sites/${service.site.id}/connect`, { token: service.owner.token, body: { public_key: jwk.x, wp_url: wp.url } });
  if (res.status !== 200) throw new Error(`connect: ${res.status} ${res.text}`);
  // sodium's secret key: the 32-byte seed, then the public key.
  const secret = Buffer.concat([Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x!, 'base64url')]).toString('base64');
  const connected = wpPhp<boolean>(
    wp,
    `update_option( 'igny8_service_url', ${JSON.stringify(service.url)} );
     update_option( 'igny8_site_id', ${JSON.stringify(service.site.id)} );
     update_option( 'igny8_site_name', ${JSON.stringify(service.site.name)} );
     update_option( 'igny8_private_key', ${JSON.stringify(secret)}, false );
     return IGNY8\\Settings::is_connected();`,
  );
  if (!connected) throw new Error('the plugin does not count itself connected');
}

/**
 * Connects the site as an administrator does on the settings screen, through the plugin's own
 * route: a one-time code, and an application password handed to the service for publishing.
 */
export async function connectForPublishing(wp: WordPress, service: RunningService): Promise<void> {
  const code = await service.connectCode();
  const answer = await rest<{ connected: boolean; app_password: boolean }>(wp, '/igny8/v1/connection', {
    method: 'POST',
    json: { service_url: service.url, code, create_app_password: true },
  });
  if (!answer.connected || !answer.app_password) throw new Error(`the plugin did not connect with an application password: ${JSON.stringify(answer)}`);
}
