import type { GetMessage } from 'amqplib';
import { PARK_REASON_HEADER, parseJobMessage } from '../../shared/queue/index.ts';
import type { OpsBroker } from '../open-broker.ts';

/**
 * The parking queue holds what the database does not know about: messages that were not a valid
 * job message (the adapter parks them with an `x-park-reason` header) and messages past the
 * delivery limit (RabbitMQ dead-letters them with `x-death`). These commands read it with manual
 * acknowledgement: a message is removed only by an ack, and everything not acked goes back when
 * the channel closes, so a crash halfway never loses one.
 */

/** Up to `limit` parked messages, oldest first; all of them stay in the queue. */
export async function listParked({ channel, names }: OpsBroker, limit: number) {
  const { messageCount } = await channel.checkQueue(names.parked);
  const held: GetMessage[] = [];
  try {
    while (held.length < Math.min(limit, messageCount)) {
      const message = await channel.get(names.parked, { noAck: false });
      if (!message) break;
      held.push(message);
    }
    return { queue: names.parked, parked: messageCount, shown: held.length, messages: held.map(describeParked) };
  } finally {
    await giveBack(channel, names.parked, held);
  }
}

/**
 * Moves every message that was parked when the command started back to the jobs queue, if it is a
 * job message: published (persistent) and confirmed by the broker first, acked here after. The rest
 * stays parked and is reported; `parked purge` removes it.
 */
export async function replayParked({ channel, names }: OpsBroker) {
  const { messageCount } = await channel.checkQueue(names.parked);
  const unreadable: GetMessage[] = [];
  const replayed: Array<{ jobId: string }> = [];
  try {
    // Bounded by the count at the start: a replayed job parked again meanwhile waits for the next run.
    for (let seen = 0; seen < messageCount; seen += 1) {
      const message = await channel.get(names.parked, { noAck: false });
      if (!message) break;
      const job = parseJobMessage(message.content);
      if (!job) {
        unreadable.push(message);
        continue;
      }
      await publishConfirmed(channel, names.jobs, message.content);
      channel.ack(message);
      replayed.push({ jobId: job.jobId });
    }
    return { replayed, keptParked: unreadable.map(describeParked) };
  } finally {
    await giveBack(channel, names.parked, unreadable);
  }
}

/** Empties the parking queue; returns how many messages it held. */
export async function purgeParked({ channel, names }: OpsBroker) {
  const { messageCount } = await channel.purgeQueue(names.parked);
  return { queue: names.parked, purged: messageCount };
}

/** Longest the CLI waits to see the messages it gave back ready in the queue again. */
const GIVE_BACK_WAIT_MS = 5000;

/**
 * Puts the messages this channel holds unacked back in the queue, at their old place (basic.recover).
 * The parking queue is a quorum queue, which requeues them some time after recover answers, so this
 * waits until they are ready again (bounded): a `parked list` right after must see them. If the
 * channel is broken, the broker has requeued them already.
 */
async function giveBack(channel: OpsBroker['channel'], queue: string, held: GetMessage[]): Promise<void> {
  if (held.length === 0) return;
  try {
    await channel.recover();
    const deadline = Date.now() + GIVE_BACK_WAIT_MS;
    while ((await channel.checkQueue(queue)).messageCount < held.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch {
    // The channel broke: the broker requeues what it held.
  }
}

function publishConfirmed(channel: OpsBroker['channel'], queue: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, body, { persistent: true, contentType: 'application/json' }, (error) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
    );
  });
}

/** The latest entry of RabbitMQ's `x-death` header, as amqplib decodes it (a timestamp is `{ value: <seconds> }`). */
interface DeathRecord {
  reason?: string;
  queue?: string;
  count?: number;
  time?: { value?: number };
}

/** Why a message was parked: the adapter's `x-park-reason`, else RabbitMQ's own dead-lettering record. */
function describeParked(message: GetMessage) {
  const headers = message.properties.headers ?? {};
  const parkReason: unknown = headers[PARK_REASON_HEADER];
  const death = Array.isArray(headers['x-death']) ? (headers['x-death'][0] as DeathRecord | undefined) : undefined;
  const deathSeconds = death?.time?.value;
  return {
    jobId: parseJobMessage(message.content)?.jobId ?? null,
    reason:
      typeof parkReason === 'string'
        ? parkReason
        : death
          ? `${death.reason ?? 'dead-lettered'} from ${death.queue ?? '?'} (${death.count ?? 1}×)`
          : null,
    deadLetteredAt: typeof deathSeconds === 'number' ? new Date(deathSeconds * 1000) : null,
    body: message.content.toString('utf8'),
  };
}
