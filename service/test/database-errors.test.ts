import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDatabase } from '../src/http/database-errors';
import { signup } from './factories';
import { createTestService, type TestService } from './service';

/** Errors that PostgreSQL itself raises, and the answers they become. */

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
  await svc.deps.db.owner.unsafe(`
    create table t_parent (id int primary key);
    create table t_child (parent_id int references t_parent (id));
    insert into t_parent values (1);
    insert into t_child values (1);`);
});
afterAll(() => svc.close());

const failure = (query: Promise<unknown>) => query.then(() => expect.unreachable('the statement went through'), (err: unknown) => err);

describe('database errors', () => {
  it('answers a delete of something still referenced with 409 conflict', async () => {
    const err = await failure(svc.deps.db.owner`delete from t_parent where id = 1`);
    expect(err).toMatchObject({ code: '23503' });
    expect(fromDatabase(err)).toMatchObject({ code: 'conflict', status: 409, message: expect.stringContaining('still in use') });
  });

  it('answers a reference to something missing with 400 invalid_input', async () => {
    const err = await failure(svc.deps.db.owner`insert into t_child values (2)`);
    expect(err).toMatchObject({ code: '23503' });
    expect(fromDatabase(err)).toMatchObject({ code: 'invalid_input', status: 400 });
  });

  it('answers a change the append-only ledger refuses with 409 conflict', async () => {
    await signup(svc);
    const err = await failure(svc.deps.db.owner`delete from credit_transactions`);
    expect(err).toMatchObject({ code: '23001' });
    expect(fromDatabase(err)).toMatchObject({ code: 'conflict', status: 409 });
  });
});
