// The service tests' setup declares what it provides to vitest's inject().
import type {} from '../../../../service/test/global-setup';
import { startFakeProvider, type FakeProvider } from '../../../../service/test/fake-provider';
import { createSector, createSite, signup, type Session } from '../../../../service/test/factories';
import { listen } from '../../../../service/test/http-server';
import { createTestService, type TestService } from '../../../../service/test/service';

export interface RunningService {
  svc: TestService;
  /** e.g. http://127.0.0.1:PORT, what an administrator types as the service URL. */
  url: string;
  fake: FakeProvider;
  owner: Session;
  site: { id: string; name: string };
  sector: { id: string; name: string };
  /** A one-time connect code of the site, as the dashboard makes it. */
  connectCode(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real service on a real socket, on its own database, with the fake AI provider and private
 * addresses allowed (WordPress and the service both listen on loopback), and an owner with one
 * site and one sector.
 */
export async function startService(): Promise<RunningService> {
  const fake = await startFakeProvider();
  const svc = await createTestService({ OPENAI_BASE_URL: fake.openaiBaseUrl, OPENAI_API_KEY: 'test-key', IGNY8_ALLOW_PRIVATE_NETWORK: 'true' });
  const server = await listen(svc);
  const owner = await signup(svc, 'Plugin Co');
  const site = await createSite(svc, owner, { name: 'Plugin blog' });
  const sector = await createSector(svc, owner, site.id, { name: 'Espresso machines' });
  return {
    svc,
    url: `http://127.0.0.1:${server.port}`,
    fake,
    owner,
    site,
    sector,
    async connectCode() {
      const res = await svc.call('POST', `/sites/${site.id}/connect-codes`, { token: owner.token });
      if (res.status !== 201) throw new Error(`connect code: ${res.status} ${res.text}`);
      return res.body.data.code as string;
    },
    async close() {
      await server.close();
      await svc.close();
      await fake.close();
    },
  };
}
