/** Loopback services the suite runs against; override with the same variables the app reads. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A name no other run (or file) uses: lowercase, so it is a valid database name and queue prefix. */
export function uniqueName(kind: string): string {
  return `ao_${kind}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
