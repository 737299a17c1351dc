import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../shared/config/index.ts';
import { createLogger } from '../../../shared/log/index.ts';
import { openPreviewStorage } from '../../../shared/previews/index.ts';
import { startTestS3Server, type TestS3Server } from '../../support/s3-server.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** The problems loadConfig reports for `env`, one line each. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('preview storage configuration', () => {
  it('keeps previews in PREVIEWS_DIR when nothing says otherwise', () => {
    expect(loadConfig({}).preview.storage).toEqual({ kind: 'fs', dir: './data/previews' });
  });

  it('reads the S3 settings, with a path-style default that follows S3_ENDPOINT and a prefix that ends in /', () => {
    const withEndpoint = loadConfig({
      PREVIEW_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'previews',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PREFIX: 'staging/orchestrator',
    }).preview.storage;
    expect(withEndpoint).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'previews',
      region: 'us-east-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
      prefix: 'staging/orchestrator/',
    });
    const aws = loadConfig({ PREVIEW_STORAGE: 's3', S3_BUCKET: 'previews', S3_REGION: 'eu-west-1' }).preview.storage;
    expect(aws).toMatchObject({ endpoint: undefined, region: 'eu-west-1', forcePathStyle: false, prefix: '' });
    expect(aws).toMatchObject({ credentials: undefined });
    const virtualHosted = loadConfig({
      PREVIEW_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'previews',
      S3_FORCE_PATH_STYLE: 'false',
    }).preview.storage;
    expect(virtualHosted).toMatchObject({ forcePathStyle: false });
  });

  it('says in one line each what is wrong with the S3 settings, never echoing the secret', () => {
    expect(problemsOf({ PREVIEW_STORAGE: 's3' })).toEqual(['S3_BUCKET: required when PREVIEW_STORAGE=s3']);
    const problems = problemsOf({ PREVIEW_STORAGE: 's3', S3_BUCKET: 'Not_A_Bucket', S3_FORCE_PATH_STYLE: 'yes' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/^S3_BUCKET: /m);
    expect(problems.join('\n')).toMatch(/^S3_FORCE_PATH_STYLE: /m);
    const halfCredentials = problemsOf({
      PREVIEW_STORAGE: 's3',
      S3_BUCKET: 'previews',
      S3_SECRET_ACCESS_KEY: 'very-secret-value',
    });
    expect(halfCredentials).toEqual([
      'S3_ACCESS_KEY_ID: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, for the AWS credential chain)',
    ]);
    expect(problemsOf({ PREVIEW_STORAGE: 'ftp' })).toHaveLength(1);
  });

  it('masks the S3 secret key in every log line, wherever it appears', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const config = loadConfig({
      PREVIEW_STORAGE: 's3',
      S3_BUCKET: 'previews',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: secret,
    });
    const lines: string[] = [];
    const log = createLogger(config, { write: (line: string) => void lines.push(line) });
    log.info({ storage: config.preview.storage }, 'opened');
    log.error(`signature with ${secret} did not match`);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).toContain('AKIAEXAMPLE');
  });

  it('turns PREVIEW_CACHE_MB into bytes and bounds PREVIEW_READ_TIMEOUT_MS', () => {
    const { preview } = loadConfig({ PREVIEW_CACHE_MB: '8', PREVIEW_READ_TIMEOUT_MS: '1500' });
    expect(preview).toMatchObject({ cacheBytes: 8 * 1024 * 1024, readTimeoutMs: 1500 });
    expect(loadConfig({}).preview).toMatchObject({ cacheBytes: 64 * 1024 * 1024, readTimeoutMs: 3000 });
    expect(problemsOf({ PREVIEW_CACHE_MB: '0' })).toHaveLength(1);
    expect(problemsOf({ PREVIEW_READ_TIMEOUT_MS: '5' })).toHaveLength(1);
  });
});

describe('a bucket that does not exist', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startTestS3Server();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('is one configuration problem, naming S3_BUCKET, when the storage opens', async () => {
    const config = { ...s3.storageConfig(), bucket: 'no-such-bucket' };
    const error = await openPreviewStorage(config).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `S3_BUCKET: there is no bucket "no-such-bucket" at ${s3.endpoint}; create it first`,
    ]);
  });

  it('stops `npm run preview` at start with that one line and no stack trace', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(tsx, ['preview/main.ts'], {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH,
          ...s3.env(),
          S3_BUCKET: 'no-such-bucket',
          LISTEN_HOST: '127.0.0.1',
          PREVIEW_PORT: '0',
          PREVIEW_METRICS_PORT: '0',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (exitCode) => resolve({ code: exitCode, stderr }));
    });
    expect(code).toBe(1);
    const configLines = stderr.split('\n').filter((line) => line.startsWith('config: '));
    expect(configLines).toEqual([
      `config: S3_BUCKET: there is no bucket "no-such-bucket" at ${s3.endpoint}; create it first`,
    ]);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
