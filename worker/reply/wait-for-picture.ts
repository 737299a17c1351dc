import type { Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';
import { handOverToRenderer, renderTimeLeft } from '../../shared/jobs/index.ts';
import type { Logger } from '../../shared/log/index.ts';
import type { JobQueue } from '../../shared/queue/index.ts';

export interface PictureDeps {
  db: Kysely<Database>;
  /** The render queue (SCREENSHOTS=on), or undefined: the link always goes at once. */
  renders: JobQueue | undefined;
  /** RENDER_DEADLINE_MS: how long the link waits for a picture before it goes alone. */
  deadlineMs: number;
}

/**
 * Decides whether a finished job's final message waits for the renderer: how many milliseconds the
 * caller should wait before it sends the link itself (the job's queue message comes back then), or
 * 0 to send it now. A site is handed over once, and only while a renderer consumes the render queue,
 * so without the role nothing waits; a redelivery of a handed-over job waits out what is left of
 * the deadline, so a renderer that died or hangs costs the user that long, never the answer. The
 * renderer sends the message itself (with the picture); whichever sender comes first claims it,
 * and the other finds it settled.
 */
export function createPictureWait(deps: PictureDeps) {
  return async function msToWaitForPicture(job: Job, log: Logger): Promise<number> {
    // A deleted site has nothing to picture: its message ("Deleted") goes at once.
    if (!deps.renders || job.status !== 'done' || job.kind === 'delete' || job.result_message_id !== null) return 0;
    const left = await renderTimeLeft(deps.db, job.id);
    if (left !== undefined) return left;
    if (!(await rendererRunning(deps.renders, log))) return 0;
    if (!(await handOverToRenderer(deps.db, job.id, deps.deadlineMs)))
      return (await renderTimeLeft(deps.db, job.id)) ?? 0;
    try {
      await deps.renders.publish({ jobId: job.id });
    } catch (error) {
      log.warn({ err: error }, 'could not queue the render; the link goes alone');
      return 0;
    }
    return deps.deadlineMs;
  };
}

/** True when at least one renderer consumes the render queue; a broker that cannot say counts as none. */
async function rendererRunning(renders: JobQueue, log: Logger): Promise<boolean> {
  try {
    return (await renders.consumers()) > 0;
  } catch (error) {
    log.warn({ err: error }, 'could not ask the render queue for renderers; the link goes alone');
    return false;
  }
}
