import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ConfigError, type S3StorageConfig } from '../../config/index.ts';

/** One object of a listing. */
export interface ListedObject {
  key: string;
  lastModified: Date;
}

/** One page of a listing. */
export interface ListedPage {
  objects: ListedObject[];
}

/**
 * The handful of S3 calls the adapter makes, on one bucket, through the AWS SDK (signing, retries
 * with back-off, keep-alive connections). Missing objects are answers here (undefined, false),
 * not errors; everything else the store says is thrown as the SDK gives it.
 */
export interface Bucket {
  get(key: string, signal?: AbortSignal): Promise<Buffer | undefined>;
  exists(key: string, signal?: AbortSignal): Promise<boolean>;
  put(key: string, body: Buffer, contentType?: string): Promise<void>;
  /** Every object under `prefix`, a page (at most 1,000) at a time. */
  list(prefix: string, options?: { signal?: AbortSignal }): AsyncIterable<ListedPage>;
  /** Deletes the keys, 1,000 per request (the API's limit); keys already gone are fine. */
  delete(keys: readonly string[]): Promise<void>;
  close(): void;
}

/** Deletes per DeleteObjects request: the API takes at most 1,000 keys. */
const keysPerDelete = 1000;

/**
 * Connects to S3_BUCKET and checks that it is there: a bucket that does not exist (or cannot be
 * reached with these credentials) is a configuration problem, thrown as one ConfigError line at start.
 */
export async function openBucket(config: S3StorageConfig): Promise<Bucket> {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // A store that stops answering must not hold a publish or a sweep forever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  const Bucket = config.bucket;
  const where = config.endpoint ?? `AWS S3 (${config.region})`;
  try {
    await client.send(new HeadBucketCommand({ Bucket }));
  } catch (error) {
    client.destroy();
    const status = statusOf(error);
    throw new ConfigError([
      status === 404
        ? `S3_BUCKET: there is no bucket "${Bucket}" at ${where}; create it first`
        : status === 403 || status === 401
          ? `S3_ACCESS_KEY_ID: the credentials may not use bucket "${Bucket}" at ${where} (HTTP ${status})`
          : `S3_ENDPOINT: could not reach bucket "${Bucket}" at ${where} (${describe(error)})`,
    ]);
  }

  return {
    async get(key, signal) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }), { abortSignal: signal });
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async exists(key, signal) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }), { abortSignal: signal });
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    async put(key, body, contentType = 'application/octet-stream') {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async *list(prefix, options = {}) {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }), {
          abortSignal: options.signal,
        });
        yield {
          objects: (page.Contents ?? []).map((object) => ({
            key: object.Key!,
            lastModified: object.LastModified ?? new Date(0),
          })),
        };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async delete(keys) {
      for (let i = 0; i < keys.length; i += keysPerDelete) {
        const answer = await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: keys.slice(i, i + keysPerDelete).map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = answer.Errors ?? [];
        if (failed.length > 0)
          throw new Error(`could not delete ${failed.length} objects, e.g. ${failed[0]?.Key}: ${failed[0]?.Code}`);
      }
    },

    close: () => client.destroy(),
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** A missing object (a missing bucket is a failure, not an empty answer). */
function isMissing(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error ? ` ${String(error.code)}` : '';
  return `${error.name}${code}: ${error.message}`.slice(0, 200);
}
