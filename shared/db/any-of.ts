import { sql, type RawBuilder } from 'kysely';

/**
 * The right-hand side of `column = any($1::bigint[])`: a list of ids as one array parameter, where
 * `in (...)` would be one parameter — and one query node to build — per id. For the long id lists
 * of batches (hundreds of updates, users, outbox rows).
 */
export function anyOf(ids: readonly number[]): RawBuilder<number> {
  return sql<number>`any(${ids}::bigint[])`;
}
