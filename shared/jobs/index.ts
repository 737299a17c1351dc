/**
 * The job lifecycle's one home: the statuses and the transitions between them (states.ts), and the
 * SQL of every write to the jobs table. The api, the worker and the ops CLI change jobs only
 * through these functions.
 */
export { requestCancel } from './cancel.ts';
export {
  claimReply,
  recordReplySent,
  recordStatusMessage,
  releaseReply,
  renewReplyClaim,
  type ReplyClaim,
} from './chat-messages.ts';
export { claimJob, renewLease, type Claim, type OwnedJob } from './claim.ts';
export { enqueueJob, enqueueJobs, type JobRequest, type QueuedJob } from './enqueue.ts';
export { markCancelled, markDone, markFailed, markRetryLater, type AttemptFailure } from './finish.ts';
export { placeInLine } from './place-in-line.ts';
export { handOverToRenderer, renderTimeLeft } from './render-handoff.ts';
export { resumeAfterRestart, retryByOperator } from './requeue.ts';
export {
  FINISHED_STATUSES,
  isUnfinished,
  JOB_STATUSES,
  mayFollow,
  TRANSITIONS,
  UNFINISHED_STATUSES,
  type Transition,
  type TransitionName,
} from './states.ts';
