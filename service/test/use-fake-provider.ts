import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeProvider, type FakeProvider } from './fake-provider';

/**
 * One fake provider for the test file: started before its tests, closed after them, and before
 * each test cleared of faults and recorded requests (then `reset`, for the file's own switches).
 * The returned object stands for the running server.
 */
export function useFakeProvider(reset?: (fake: FakeProvider) => void): FakeProvider {
  let current: FakeProvider | undefined;
  beforeAll(async () => {
    current = await startFakeProvider();
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.clearFaults();
    current!.requests.length = 0;
    reset?.(current!);
  });
  return new Proxy({} as FakeProvider, { get: (_target, key) => Reflect.get(current!, key) });
}
