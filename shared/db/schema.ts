import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** int8 columns: read as numbers (see shared/db/connect.ts). */
type BigIntColumn = number;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (`default now()`) unless given. */
type TimestampWithDefault = ColumnType<Date, Date | string | undefined, Date | string>;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** What a job does: build a new site (or a fresh take of one), revise a version, restore one, or delete the site. */
export type JobKind = 'create' | 'revise' | 'restore' | 'delete';

/** The inbox: every Telegram update accepted, deduplicated on its id. */
export interface UpdatesTable {
  update_id: BigIntColumn;
  /** The update's type (`message`, `callback_query`, …). */
  kind: string;
  received_at: TimestampWithDefault;
  /** The update as Telegram sent it (JSON text), until it is processed. */
  payload: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set once the bot handled the update (or gave up on it); null while it waits in the inbox. */
  processed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Processing attempts that failed. */
  attempts: Generated<number>;
  /** Why the last processing attempt failed (for operators). */
  failure: ColumnType<string | null, string | null | undefined, string | null>;
  /** After a failed attempt: not tried again before this. */
  retry_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface JobsTable {
  id: Generated<string>;
  update_id: BigIntColumn | null;
  chat_id: BigIntColumn;
  user_id: BigIntColumn | null;
  prompt: string;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  /** Operator-facing reason of the last failure. */
  error: string | null;
  /** The same failure in plain words, safe to show in chat. */
  user_error: string | null;
  preview_id: string | null;
  status_message_id: BigIntColumn | null;
  result_message_id: BigIntColumn | null;
  created_at: TimestampWithDefault;
  updated_at: TimestampWithDefault;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** The AI provider that served the job (with failover, not always the first one listed). */
  provider: ColumnType<string | null, string | null | undefined, string | null>;
  kind: ColumnType<JobKind, JobKind | undefined, JobKind>;
  /** revise: the version the change starts from; restore: the version to copy. */
  base_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** The version of `preview_id` this job published (null for a delete). */
  version: ColumnType<number | null, number | null | undefined, number | null>;
  /** The user's Telegram client language when they asked: the job answers in it. */
  language_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** The message that asked for the job; answers reply to it (in groups, that says whose site it is). */
  request_message_id: ColumnType<BigIntColumn | null, BigIntColumn | null | undefined, BigIntColumn | null>;
  /** Set by /cancel: a running job aborts its provider call and ends `cancelled`. */
  cancel_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The job's number in the order jobs were queued: its place in line is this minus the oldest queued job's. */
  queue_seq: Generated<number>;
  /** Asks an earlier request again (Regenerate): counted with restores against QUOTA_RESTORES_PER_HOUR. */
  regenerate: Generated<boolean>;
  /**
   * Set when the final message was handed to the renderer: the link waits for a picture until then,
   * and goes alone after it. Null: not handed over.
   */
  render_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface JobAttemptsTable {
  id: Generated<number>;
  job_id: string;
  attempt: number;
  outcome: 'succeeded' | 'failed';
  provider: string;
  /** As the provider reported it; null when the call never got that far. */
  model: ColumnType<string | null, string | null | undefined, string | null>;
  input_tokens: ColumnType<number | null, number | null | undefined, number | null>;
  output_tokens: ColumnType<number | null, number | null | undefined, number | null>;
  /** Estimated USD, numeric(14,8): read as a string so no precision is lost (Number() to compute). */
  cost_usd: ColumnType<string | null, number | null | undefined, number | null>;
  provider_status: number | null;
  error_code: string | null;
  error: string | null;
  duration_ms: number;
  started_at: Timestamp;
  finished_at: TimestampWithDefault;
}

export interface PreviewsTable {
  id: string;
  job_id: string;
  title: string;
  summary: Generated<string>;
  created_at: TimestampWithDefault;
  expires_at: Timestamp;
  deleted_at: Timestamp | null;
  latest_version: ColumnType<number, number | undefined, number>;
  updated_at: TimestampWithDefault;
}

export interface PreviewVersionsTable {
  preview_id: string;
  version: number;
  job_id: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  /** Set when this version is a copy of an earlier one (a restore). */
  restored_from: ColumnType<number | null, number | null | undefined, number | null>;
  /** Its files together, in bytes; null until the sweep measures a version published before sizes were recorded. */
  bytes: ColumnType<BigIntColumn | null, BigIntColumn | null | undefined, BigIntColumn | null>;
  created_at: TimestampWithDefault;
  /** When the renderer's quality check ran on this version; null: never. */
  quality_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** axe-core's findings at phone width: { rule, impact, elements, help }[] (written as JSON text). */
  quality_findings: ColumnType<unknown, string | null | undefined, string | null>;
  /** How far the page scrolls sideways at phone width, in CSS pixels. */
  quality_sideways_px: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface OutboxTable {
  id: Generated<number>;
  job_id: string;
  payload: ColumnType<unknown, string, string>;
  created_at: TimestampWithDefault;
  published_at: Timestamp | null;
  publish_attempts: Generated<number>;
}

export interface TelegramSendSlotsTable {
  key: string;
  next_at: TimestampWithDefault;
}

/** One row per overall send slot taken (shared/telegram/send-rate-limit.ts). */
export interface TelegramSendCalendarTable {
  /** Slot n starts n × the overall send interval after the epoch. */
  slot: BigIntColumn;
}

export interface UsersTable {
  user_id: BigIntColumn;
  /** Set by an operator (ops CLI `user block`): the bot creates no job for this user. */
  banned_at: Timestamp | null;
  banned_reason: string | null;
  /** Set when the user blocked the bot (my_chat_member, or a 403 on sending): nothing is sent to them. */
  bot_blocked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: TimestampWithDefault;
  updated_at: TimestampWithDefault;
}

/** A chat's actions (messages to the bot, button taps) in its current one-minute window. */
export interface ChatActionsTable {
  chat_id: BigIntColumn;
  window_started_at: Timestamp;
  actions: number;
}

export interface Database {
  updates: UpdatesTable;
  jobs: JobsTable;
  job_attempts: JobAttemptsTable;
  previews: PreviewsTable;
  preview_versions: PreviewVersionsTable;
  outbox: OutboxTable;
  telegram_send_calendar: TelegramSendCalendarTable;
  telegram_send_slots: TelegramSendSlotsTable;
  users: UsersTable;
  chat_actions: ChatActionsTable;
}

export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type JobAttempt = Selectable<JobAttemptsTable>;
export type NewJobAttempt = Insertable<JobAttemptsTable>;
export type Preview = Selectable<PreviewsTable>;
export type PreviewVersion = Selectable<PreviewVersionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
