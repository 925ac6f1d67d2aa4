import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteAsPool } from '../../../src/workflows/checkpointer.js';

/** The checkpoint saver's pool over PGlite (one connection): a read never lands inside another session's transaction. */
const client = new PGlite();
afterAll(() => client.close());

describe('the PGlite pool of the checkpoint saver', () => {
  it('runs pool.query after the open session is released, not inside its transaction', async () => {
    const pool = pgliteAsPool(client);
    await pool.query('create table t (n int)');
    const session = await pool.connect();
    await session.query('BEGIN');
    await session.query('insert into t values (1)');
    let read = false;
    const count = pool.query('select count(*)::int as n from t').then((r) => {
      read = true;
      return r.rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBe(false); // waits for the session
    await session.query('ROLLBACK');
    session.release();
    expect(await count).toEqual([{ n: 0 }]);
  });
});
