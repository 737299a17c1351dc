import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComposeFile, type ComposeService } from '../support/compose-file.ts';

/**
 * docker-compose.yml, checked by reading it (Docker does not run here): what each service gets from
 * .env, what it may see, how it is checked, logged and locked down, and the optional profiles.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const compose = readComposeFile();
const { services } = compose;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`no service ${name} in docker-compose.yml`);
  return found;
};

/** The app's own containers (the image built here) and the one-shots among them. */
const APP = ['migrations', 'api', 'worker', 'renderer', 'preview', 'api-2', 'preview-2', 'ops'];
const LONG_RUNNING = ['postgres', 'rabbitmq', 'rabbitmq-2', 'rabbitmq-3', 'api', 'worker', 'preview', 'api-2'];
const ONE_SHOTS = ['migrations', 'ops', 'minio-bucket'];

/** Variables of .env whose value is a secret. */
const SECRETS = [
  'POSTGRES_PASSWORD',
  'RABBITMQ_PASSWORD',
  'RABBITMQ_ERLANG_COOKIE',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_SECRET_TOKEN',
  'AI_API_KEY',
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'S3_SECRET_ACCESS_KEY',
  'MINIO_ROOT_PASSWORD',
];
/** The preview storage settings (README, Configuration). */
const STORAGE = [
  'PREVIEW_STORAGE',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PREFIX',
];
/** The secrets of the object store: every role that reads or writes previews needs them with PREVIEW_STORAGE=s3. */
const STORE = ['S3_SECRET_ACCESS_KEY'];

/** Every `${NAME…}` the service's environment interpolates, nested ones included. */
function interpolated(s: ComposeService): Set<string> {
  const names = Object.values(s.environment ?? {}).flatMap((value) =>
    [...String(value).matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!),
  );
  return new Set(names);
}
const secretsOf = (name: string) => SECRETS.filter((secret) => interpolated(service(name)).has(secret)).sort();

const envExample = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const envExampleNames = new Set([...envExample.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!));

describe('docker-compose.yml and .env', () => {
  it('gives no service an env_file: each lists the variables it gets', () => {
    for (const [name, s] of Object.entries(services)) expect(s.env_file, name).toBeUndefined();
  });

  it('gives each service only the secrets it uses', () => {
    expect(secretsOf('preview')).toEqual(STORE);
    expect(secretsOf('preview-2')).toEqual(STORE);
    expect(secretsOf('api')).toEqual(
      ['POSTGRES_PASSWORD', 'RABBITMQ_PASSWORD', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_SECRET_TOKEN', ...STORE].sort(),
    );
    expect(secretsOf('api-2')).toEqual(secretsOf('api'));
    expect(secretsOf('worker')).toEqual(
      [
        'POSTGRES_PASSWORD',
        'RABBITMQ_PASSWORD',
        'TELEGRAM_BOT_TOKEN',
        'AI_API_KEY',
        'OPENAI_API_KEY',
        'GEMINI_API_KEY',
        ...STORE,
      ].sort(),
    );
    expect(secretsOf('renderer')).toEqual(['POSTGRES_PASSWORD', 'RABBITMQ_PASSWORD', 'TELEGRAM_BOT_TOKEN']);
    expect(secretsOf('migrations')).toEqual(['POSTGRES_PASSWORD']);
    expect(secretsOf('postgres')).toEqual(['POSTGRES_PASSWORD']);
    expect(secretsOf('rabbitmq')).toEqual(['RABBITMQ_ERLANG_COOKIE', 'RABBITMQ_PASSWORD']);
    expect(secretsOf('minio')).toEqual(['MINIO_ROOT_PASSWORD']);
    expect(secretsOf('nginx')).toEqual([]);
  });

  it('requires the database and broker passwords from .env wherever they are used, and has no default credentials', () => {
    for (const secret of ['POSTGRES_PASSWORD', 'RABBITMQ_PASSWORD']) {
      const uses = [...compose.text.matchAll(new RegExp(`\\$\\{${secret}([^A-Z0-9_][^}]*)?\\}`, 'g'))];
      expect(uses.length, secret).toBeGreaterThan(0);
      for (const use of uses) expect(use[0], secret).toMatch(new RegExp(`^\\$\\{${secret}:\\?.+\\}$`));
    }
    expect(compose.text).not.toMatch(/guest|minioadmin/i);
    // A secret never has a default: `${SECRET:-something}` would be a credential in the file.
    for (const secret of SECRETS) expect(compose.text, secret).not.toMatch(new RegExp(`\\$\\{${secret}:-[^}]`));
  });

  it('takes every URL from .env when it is set there, and otherwise builds it from .env’s credentials', () => {
    for (const name of ['api', 'worker', 'ops']) {
      const env = service(name).environment!;
      expect(env.DATABASE_URL, name).toMatch(/^\$\{DATABASE_URL:-postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?/);
      expect(env.RABBITMQ_URL, name).toMatch(
        /^\$\{RABBITMQ_URL:-amqp:\/\/\$\{RABBITMQ_USER:-orchestrator\}:\$\{RABBITMQ_PASSWORD:\?/,
      );
      for (const url of ['WEBHOOK_URL', 'PREVIEW_BASE_URL', 'TELEGRAM_API_ROOT'])
        if (url in env) expect(env[url], `${name} ${url}`).toBe(`\${${url}:-}`);
    }
    expect(service('migrations').environment!.DATABASE_URL).toBe(service('api').environment!.DATABASE_URL);
  });

  it('passes every setting of .env that an app role gets as itself, so .env wins, except the ones fixed inside compose', () => {
    const fixed = new Set([
      'LISTEN_HOST',
      'API_PORT',
      'PREVIEW_PORT',
      'WORKER_PORT',
      'PREVIEW_METRICS_PORT',
      'PREVIEWS_DIR',
      // The renderer's: Chromium's home folder, on the container's writable /tmp.
      'HOME',
    ]);
    for (const name of APP) {
      for (const [key, value] of Object.entries(service(name).environment ?? {})) {
        if (fixed.has(key) || key === 'DATABASE_URL' || key === 'RABBITMQ_URL') continue;
        expect(envExampleNames.has(key), `${name}: ${key} is in .env.example`).toBe(true);
        expect(value, `${name}: ${key}`).toBe(`\${${key}:-}`);
      }
    }
  });

  it('rotates the logs of every service (json-file with a size and a count)', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.logging?.driver, name).toBe('json-file');
      expect(Object.keys(s.logging?.options ?? {}), name).toEqual(['max-size', 'max-file']);
      expect(s.logging?.options?.['max-size'], name).toMatch(/^\d+m$/);
      expect(s.logging?.options?.['max-file'], name).toMatch(/^\d+$/);
    }
  });

  it('checks the health of every long-running service, each app role on its own port', () => {
    for (const name of [...LONG_RUNNING, 'preview-2', 'minio', 'nginx'])
      expect(service(name).healthcheck?.test, name).toBeDefined();
    const probed = (name: string) =>
      /http:\/\/127\.0\.0\.1:(\d+)\/health/.exec(service(name).healthcheck!.test.join(' '))?.[1];
    expect(probed('api')).toBe(service('api').environment!.API_PORT);
    expect(probed('worker')).toBe(service('worker').environment!.WORKER_PORT);
    expect(probed('preview')).toBe(service('preview').environment!.PREVIEW_PORT);
    for (const name of ONE_SHOTS) expect(service(name).restart, name).toBe('no');
  });

  it('runs the migrations once, to success, before the api and the worker start', () => {
    expect(service('migrations').command).toEqual(['node', 'dist/shared/db/migrate-main.js']);
    for (const name of ['api', 'worker', 'api-2'])
      expect(service(name).depends_on?.migrations, name).toEqual({ condition: 'service_completed_successfully' });
  });

  it('runs the app containers as a user other than root, read-only, without capabilities or new privileges, writing only to tmpfs and volumes', () => {
    for (const name of [...APP, 'nginx']) {
      const s = service(name);
      expect(s.read_only, name).toBe(true);
      expect(s.cap_drop, name).toEqual(['ALL']);
      expect(s.cap_add, name).toBeUndefined();
      expect(s.security_opt, name).toContain('no-new-privileges:true');
      expect(s.tmpfs, name).toContain('/tmp');
    }
    for (const name of APP) expect(service(name).user, name).toBe('node');
    expect(service('nginx').image).toMatch(/^nginxinc\/nginx-unprivileged:/);
  });

  it('takes away the capabilities and new privileges of the other services too, keeping only what their entrypoints need', () => {
    for (const name of ['postgres', 'rabbitmq', 'rabbitmq-2', 'rabbitmq-3', 'minio', 'minio-bucket']) {
      expect(service(name).cap_drop, name).toEqual(['ALL']);
      expect(service(name).security_opt, name).toContain('no-new-privileges:true');
    }
    expect(service('postgres').read_only).toBe(true);
  });
});

describe('docker-compose.yml profiles', () => {
  const profileOf = (name: string) => service(name).profiles ?? [];

  it('tools: the ops CLI runs as `docker compose --profile tools run --rm ops <command>`', () => {
    expect(profileOf('ops')).toEqual(['tools']);
    expect(service('ops').entrypoint).toEqual(['node', 'dist/ops/main.js']);
    expect(service('ops').volumes).toContain('previews:/data/previews');
  });

  it('cluster: two more RabbitMQ nodes join the first, sharing a required Erlang cookie', () => {
    for (const name of ['rabbitmq-2', 'rabbitmq-3']) {
      const node = service(name);
      expect(profileOf(name), name).toEqual(['cluster']);
      expect((node as { hostname?: string }).hostname, name).toBe(name);
      expect(node.volumes, name).toContain('./rabbitmq/cluster.conf:/etc/rabbitmq/conf.d/20-cluster.conf:ro');
      expect(node.entrypoint!.join(' '), name).toMatch(/RABBITMQ_ERLANG_COOKIE is not set/);
    }
    const conf = readFileSync(path.join(ROOT, 'rabbitmq/cluster.conf'), 'utf8');
    for (const node of ['rabbit@rabbitmq', 'rabbit@rabbitmq-2', 'rabbit@rabbitmq-3'])
      expect(conf).toContain(`= ${node}\n`);
    // The app waits for them when they run, and ignores them when they do not.
    expect(service('api').depends_on?.['rabbitmq-2']).toEqual({ condition: 'service_healthy', required: false });
  });

  it('replicas: a second api and a second preview, unpublished, found by nginx under the first one’s name', () => {
    for (const [replica, first] of [
      ['api-2', 'api'],
      ['preview-2', 'preview'],
    ] as const) {
      expect(profileOf(replica)).toEqual(['replicas']);
      expect(service(replica).ports, replica).toBeUndefined();
      expect(service(replica).networks?.default?.aliases, replica).toEqual([first]);
      // The same process in every respect but its name: what it runs, reads, waits for, mounts and how it is checked.
      for (const key of ['command', 'environment', 'depends_on', 'volumes', 'healthcheck', 'restart'] as const)
        expect(service(replica)[key], `${replica} ${key}`).toEqual(service(first)[key]);
    }
    expect(service('nginx').environment).toMatchObject({
      API_UPSTREAM: '${API_UPSTREAM:-api:8000}',
      PREVIEW_UPSTREAM: '${PREVIEW_UPSTREAM:-preview:8001}',
      // Docker's DNS, asked again as entries expire: the alias resolves to every replica that runs.
      NGINX_RESOLVER: '127.0.0.11',
    });
  });

  it('workers scale with `--scale worker=N`: no fixed container or host name, no published port, a stop grace above the shutdown grace', () => {
    const worker = service('worker') as ComposeService & { container_name?: string; hostname?: string };
    expect(worker.profiles).toBeUndefined();
    expect(worker.container_name).toBeUndefined();
    expect(worker.hostname).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    // SHUTDOWN_GRACE_MS defaults to 25 s (.env.example): jobs in flight finish or go back before Docker kills.
    expect(envExample).toMatch(/^SHUTDOWN_GRACE_MS=25000$/m);
    expect(worker.stop_grace_period).toBe('30s');
  });

  it('s3: MinIO as the object store, with the bucket made by a one-shot; the storage settings reach api, worker and preview only', () => {
    expect(profileOf('minio')).toEqual(['s3']);
    expect(profileOf('minio-bucket')).toEqual(['s3']);
    expect(service('minio-bucket').entrypoint!.join(' ')).toMatch(/mc mb --ignore-existing "store\/\$\$S3_BUCKET"/);
    expect(service('minio-bucket').depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    const readers = ['api', 'worker', 'preview', 'api-2', 'preview-2', 'ops'];
    for (const [name, s] of Object.entries(services)) {
      const keys = Object.keys(s.environment ?? {});
      if (readers.includes(name)) expect(keys, name).toEqual(expect.arrayContaining(STORAGE));
      else if (name !== 'minio-bucket')
        expect(
          keys.filter((key) => STORAGE.includes(key)),
          name,
        ).toEqual([]);
    }
    for (const name of ['api', 'worker', 'preview', 'api-2', 'preview-2'])
      expect(service(name).depends_on?.['minio-bucket'], name).toEqual({
        condition: 'service_completed_successfully',
        required: false,
      });
  });
});
