import apiFetch from '@wordpress/api-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { restPath, service, ServiceError, serviceList } from '../../src/common/api';

// api-fetch's own fetch-handler seam (its middlewares, such as the user's locale, still run) stands in for WordPress's REST server: it sees exactly the
// request the screens would send and answers as the plugin's proxy does.
type Handler = (options: { path?: string; method?: string; data?: unknown }) => unknown;
let handler: Handler = () => ({});
apiFetch.setFetchHandler(async (options) => {
  const answer = handler(options as never);
  if (answer instanceof Error) throw (answer as Error & { body: unknown }).body;
  return answer;
});
afterEach(() => {
  handler = () => ({});
});

function wpError(code: string, message: string, data: Record<string, unknown>) {
  return Object.assign(new Error(message), { body: { code, message, data } });
}

describe('the service client', () => {
  it('calls the signed proxy with the query, leaving out empty filters', async () => {
    const seen: string[] = [];
    handler = (o) => {
      seen.push(`${o.method} ${o.path}`);
      return { success: true, count: 1, next: null, previous: null, results: [{ id: 'k1' }] };
    };
    const page = await serviceList<{ id: string }>('planner/keywords', { sector_id: 's1', search: '', page: 2 });
    expect(page).toEqual({ count: 1, next: null, previous: null, results: [{ id: 'k1' }] });
    expect(seen).toEqual(['GET /igny8/v1/service/planner/keywords?sector_id=s1&page=2&_locale=user']);
  });

  it('returns the envelope data of a write', async () => {
    handler = (o) => ({ success: true, data: { run_id: 'r1', echoed: o.data } });
    await expect(service('planner/keywords/auto-cluster', { method: 'POST', data: { sector_id: 's1' } })).resolves.toEqual({
      run_id: 'r1',
      echoed: { sector_id: 's1' },
    });
  });

  it("turns the proxy's WP_Error into the service's code, sentence, status and details", async () => {
    handler = () => wpError('insufficient_credits', 'This needs 3 credits; the account has 1.', { status: 402, balance: 1, required: 3 });
    const err = await service('writer/tasks/generate-content', { method: 'POST', data: { task_ids: ['t'] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'insufficient_credits', status: 402, message: 'This needs 3 credits; the account has 1.', data: { balance: 1, required: 3 } });
  });

  it('keeps field errors for the form that sent them', async () => {
    handler = () => wpError('invalid_input', 'Check the fields.', { status: 400, errors: { keyword: ['Required'] } });
    await expect(service('planner/keywords', { method: 'POST', data: {} })).rejects.toMatchObject({ errors: { keyword: ['Required'] } });
  });

  it('builds paths of the plugin namespace', () => {
    expect(restPath('/connection')).toBe('/igny8/v1/connection');
    expect(restPath('keywords/export', { sector_id: 'a b' })).toBe('/igny8/v1/keywords/export?sector_id=a%20b');
  });
});
