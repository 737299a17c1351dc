import { performance } from 'node:perf_hooks';
import { bundleFileType, bundleFileTypes } from '../../shared/bundle.ts';
import type { Logger } from '../../shared/log/index.ts';
import type { PreviewStorage } from '../../shared/previews/index.ts';
import { fileAnswers, type FileAnswers } from './answers.ts';
import { LruCache } from './lru-cache.ts';
import { findUnstoppableMarkup } from './refuse-unstoppable-markup.ts';

/**
 * What the preview server knows about one preview, read from storage in one go (readPreview).
 * `readAt` is when that read began (clock ms): everything in it is at least that fresh.
 */
export interface PreviewState {
  readAt: number;
  gone: boolean;
  /** Epoch ms; undefined when nothing records an expiry. */
  expiresAt: number | undefined;
  latest: number | undefined;
  /** Version → when it was published. */
  versions: Map<number, Date>;
}

/** A file as the server answers it: its two answers, or the refusal of a page the markup gate stopped. */
export type CachedFile = { refused: false; answers: FileAnswers } | { refused: true };

/**
 * How fresh a preview's state must be. Younger than `reuseMs`, it is used as it is. Between that and
 * `maxAgeMs`, it still answers with content (and is read again in the background, once), but not
 * with a 404: a version may just have appeared, so that waits for a new read. Older than `maxAgeMs`,
 * every answer waits for a new read. So nothing served is older than `maxAgeMs`: a deleted
 * preview stops being served within that (plus the read), and a new version shows at the plain URL
 * within it. Expiry needs no read at all: the recorded time is compared on every request.
 */
export const stateReuseMs = 100;
export const stateMaxAgeMs = 750;

/** Previews whose state is kept (a few hundred bytes each). */
const maxStates = 10_000;
/** What a cached file costs beyond its bytes: answers, headers, keys. */
const entryOverheadBytes = 1024;

export interface PreviewCacheOptions {
  storage: PreviewStorage;
  /** PREVIEW_CACHE_MB in bytes: files kept, least recently used dropped first. */
  maxBytes: number;
  /** PREVIEW_READ_TIMEOUT_MS: a storage read that takes longer fails (the server answers 503). */
  readTimeoutMs: number;
  log?: Logger;
}

/** A storage read that did not finish within PREVIEW_READ_TIMEOUT_MS. */
class StorageTimeoutError extends Error {
  constructor(ms: number) {
    super(`preview storage did not answer within ${ms} ms`);
    this.name = 'StorageTimeoutError';
  }
}

/**
 * The preview server's memory: each preview's state (gone, expiry, versions) and the files of
 * published versions with their answers and markup-gate verdicts. Versions never change, so a file
 * once read is good until memory runs short; only the state is read again, on the schedule above.
 * Concurrent misses for the same thing share one storage read.
 */
export function createPreviewCache(options: PreviewCacheOptions) {
  const clock = () => performance.now();
  const states = new LruCache<string, PreviewState>(maxStates);
  const stateReads = new Map<string, Promise<PreviewState>>();
  const files = new LruCache<string, CachedFile>(options.maxBytes);
  const fileReads = new Map<string, Promise<CachedFile | undefined>>();

  /** Runs a storage read with the read timeout: aborted (where the adapter can) and rejected when it runs out. */
  function withDeadline<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new StorageTimeoutError(options.readTimeoutMs);
        controller.abort(error);
        reject(error);
      }, options.readTimeoutMs);
    });
    return Promise.race([read(controller.signal), deadline]).finally(() => clearTimeout(timer));
  }

  /** Reads a preview's state from storage; concurrent callers share the read. */
  function readState(previewId: string): Promise<PreviewState> {
    const pending = stateReads.get(previewId);
    if (pending) return pending;
    const readAt = clock();
    const read = withDeadline((signal) => options.storage.readPreview(previewId, { signal }))
      .then((record): PreviewState => {
        const state: PreviewState = {
          readAt,
          gone: record.gone,
          expiresAt: record.expiresAt?.getTime(),
          latest: record.versions.at(-1)?.version,
          versions: new Map(record.versions.map(({ version, publishedAt }) => [version, publishedAt])),
        };
        // A slower read that began earlier never replaces what a later one found.
        const current = states.get(previewId);
        if (!current || current.readAt <= readAt) states.set(previewId, state);
        return state;
      })
      .finally(() => stateReads.delete(previewId));
    stateReads.set(previewId, read);
    return read;
  }

  async function readFile(previewId: string, version: number, filePath: string, publishedAt: Date) {
    const bytes = await withDeadline((signal) => options.storage.readFile(previewId, version, filePath, { signal }));
    if (bytes === undefined) return undefined;
    const type = bundleFileType(filePath)!;
    const problem = type === 'html' || type === 'svg' ? findUnstoppableMarkup(bytes.toString('utf8')) : undefined;
    if (problem) {
      options.log?.warn(
        { previewId, version, file: filePath, problem },
        'refused a preview file the sanitizer cannot have written',
      );
    }
    const file: CachedFile = problem
      ? { refused: true }
      : { refused: false, answers: fileAnswers(bytes, bundleFileTypes[type].contentType, publishedAt) };
    files.set(fileKey(previewId, version, filePath), file, (problem ? 0 : bytes.length) + entryOverheadBytes);
    return file;
  }

  return {
    /**
     * The preview's state if it can answer without a storage read: known and younger than
     * `stateMaxAgeMs`. One older than `stateReuseMs` is read again in the background.
     */
    peekState(previewId: string): PreviewState | undefined {
      const state = states.get(previewId);
      if (state === undefined) return undefined;
      const age = clock() - state.readAt;
      if (age >= stateMaxAgeMs) return undefined;
      if (age >= stateReuseMs && !stateReads.has(previewId)) {
        readState(previewId).catch((error: unknown) =>
          options.log?.warn({ err: error, previewId }, 'preview storage read failed; will read again'),
        );
      }
      return state;
    },

    /** Whether a state is young enough to say "not found" without reading again. */
    canRefuse(state: PreviewState): boolean {
      return clock() - state.readAt < stateReuseMs;
    },

    readState,

    /** A file already in memory. */
    peekFile(previewId: string, version: number, filePath: string): CachedFile | undefined {
      return files.get(fileKey(previewId, version, filePath));
    },

    /** Reads a file of a version from storage (undefined: no such file); concurrent callers share the read. */
    readFile(previewId: string, version: number, filePath: string, publishedAt: Date): Promise<CachedFile | undefined> {
      const key = fileKey(previewId, version, filePath);
      const pending = fileReads.get(key);
      if (pending) return pending;
      const read = readFile(previewId, version, filePath, publishedAt).finally(() => fileReads.delete(key));
      fileReads.set(key, read);
      return read;
    },
  };
}

export type PreviewCache = ReturnType<typeof createPreviewCache>;

function fileKey(previewId: string, version: number, filePath: string): string {
  return `${previewId}/${version}/${filePath}`;
}
