import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig, type S3StorageConfig } from '../../shared/config/index.ts';
import { uniqueName } from './services.ts';

/** s3rver's built-in account: the only credentials it accepts. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
const s3rverCli = fileURLToPath(new URL('../../node_modules/s3rver/bin/s3rver.js', import.meta.url));

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** The variables that point the app at this server's bucket, under a prefix of its own. */
  env(prefix?: string): Record<string, string>;
  /** The same as a storage config, as loadConfig builds it. */
  storageConfig(prefix?: string): S3StorageConfig;
  close(): Promise<void>;
}

/**
 * A real S3 API server (s3rver: the S3 REST protocol with signature checks, objects on disk) in a
 * process of its own on a loopback port, with one empty bucket. Each test file starts its own;
 * close() stops it by its pid and removes its files. s3rver signs its listing continuation tokens
 * with DES, which Node's OpenSSL 3 keeps in its legacy provider, so the server runs with it enabled.
 */
export async function startTestS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ao-s3rver-'));
  const bucket = uniqueName('bucket').replaceAll('_', '-');
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      s3rverCli,
      '--directory',
      directory,
      '--address',
      '127.0.0.1',
      '--port',
      '0',
      '--silent',
      '--configure-bucket',
      bucket,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /listening on [^:]+:(\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error('s3rver exited before it listened')));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const env = (prefix = uniqueName('previews')): Record<string, string> => ({
    PREVIEW_STORAGE: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    S3_PREFIX: prefix,
  });
  return {
    endpoint,
    bucket,
    env,
    storageConfig(prefix) {
      const { storage } = loadConfig(env(prefix)).preview;
      if (storage.kind !== 's3') throw new Error('not an S3 config');
      return storage;
    },
    async close() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
