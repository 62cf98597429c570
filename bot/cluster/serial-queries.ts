import type pg from 'pg';

export type SerialQuery = <Row extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<Row>>;

/**
 * A pg.Client runs one query at a time, and calling query() while another is running is deprecated (pg 9
 * will refuse it). The cluster's own connections are shared by every conversation, so they queue here.
 */
export function serialQueries(client: pg.Client): SerialQuery {
  let tail: Promise<unknown> = Promise.resolve();
  return (sql, params) => {
    const run = tail.then(() => client.query(sql, params));
    tail = run.catch(() => undefined);
    return run as never;
  };
}
