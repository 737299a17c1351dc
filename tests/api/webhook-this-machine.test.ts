import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { textUpdate } from '../support/updates.ts';

/**
 * Without a webhook secret (local runs, long polling) the webhook must answer programs on this
 * machine only. A web page the user visits can make their browser post to 127.0.0.1 — by DNS
 * rebinding its own name to it — and then the request names that page's site in Host (and in
 * Origin, Sec-Fetch-Site). These post as such a page would, with node:http, which lets the test
 * set Host itself.
 */
function post(url: string, update: unknown, headers: Record<string, string>) {
  const target = new URL('/telegram/webhook', url);
  const body = JSON.stringify(update);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the webhook without a secret', () => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof startApi>>;
  const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });
  let port: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(testConfig({ DATABASE_URL: database.url }), { db: database.db, queue, log: testLogger() });
    port = new URL(api.url).port;
  });
  afterAll(async () => {
    await api?.close();
    await queue.close();
    await database?.drop();
  });

  const recorded = async (updateId: number) =>
    (await database.db.selectFrom('updates').select('update_id').where('update_id', '=', updateId).execute()).length;

  it('refuses a page that rebound its name to this machine (a foreign Host), with a reason, and records nothing', async () => {
    const update = textUpdate('a site for an attacker');
    const response = await post(api.url, update, { host: `rebind.example:${port}` });
    expect(response.status).toBe(403);
    const body = JSON.parse(response.body) as { error: string; message: string };
    expect(body.error).toBe('forbidden');
    expect(body.message).toMatch(/this machine/);
    expect(await recorded(update.update_id)).toBe(0);
  });

  it('refuses a foreign Origin or a cross-site request, even addressed to localhost', async () => {
    const host = { host: `localhost:${port}` };
    for (const headers of [
      { ...host, origin: 'https://attacker.example' },
      { ...host, origin: `http://rebind.example:${port}` },
      { ...host, 'sec-fetch-site': 'cross-site' },
    ]) {
      const update = textUpdate('a site for an attacker');
      expect((await post(api.url, update, headers)).status, JSON.stringify(headers)).toBe(403);
      expect(await recorded(update.update_id)).toBe(0);
    }
  });

  it('refuses a loopback name with another port than the one it listens on', async () => {
    const update = textUpdate('a site for an attacker');
    expect((await post(api.url, update, { host: `localhost:${Number(port) + 1}` })).status).toBe(403);
    expect((await post(api.url, update, { host: 'localhost' })).status).toBe(403);
    expect(await recorded(update.update_id)).toBe(0);
  });

  it('records an update a program on this machine posts to localhost, 127.0.0.1 or [::1] with its port', async () => {
    for (const name of ['localhost', '127.0.0.1', '[::1]']) {
      const update = textUpdate('a site for a bakery');
      const response = await post(api.url, update, { host: `${name}:${port}` });
      expect(response.status, name).toBe(200);
      expect(await recorded(update.update_id)).toBe(1);
    }
    const same = textUpdate('a site for a bakery');
    expect((await post(api.url, same, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(
      200,
    );
  });
});

describe('the webhook with a secret', () => {
  let system: ApiUnderTest;
  beforeAll(async () => {
    system = await startApiUnderTest('this-machine-secret');
  });
  afterAll(() => system?.close());

  it('answers Telegram under the public host name nginx forwards: the secret is what counts', async () => {
    const update = textUpdate('a site for a bakery');
    const response = await post(system.api.url, update, {
      host: 'api.example.com',
      'x-telegram-bot-api-secret-token': 'this-machine-secret',
    });
    expect(response.status).toBe(200);
  });
});
