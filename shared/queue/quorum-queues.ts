import type { Channel, ChannelModel, ConfirmChannel, GetMessage, Options } from 'amqplib';

/** A queue as the adapter wants it: its name and its declaration arguments (always a quorum queue). */
export interface QueueSpec {
  name: string;
  arguments: Record<string, unknown>;
}

/** AMQP reply codes a declare or delete answers with when the queue is not what we asked for. */
const NOT_FOUND = 404;
const RESOURCE_LOCKED = 405;
const PRECONDITION_FAILED = 406;

/** Messages moved per confirm round while migrating. */
const MOVE_BATCH = 100;

/** How long a process waits for another one's migration of the same queue to finish. */
const LOCK_WAIT_MS = 120_000;
const LOCK_POLL_MS = 200;

/** Where a queue's messages wait while the queue is declared again with new arguments. */
export const stagingName = (name: string) => `${name}.migrating`;

/**
 * Declares `spec` as a quorum queue. A queue of that name left by an earlier release with other
 * arguments (a classic retry or parking queue) cannot be redeclared in place — RabbitMQ refuses
 * with 406 — so it is migrated without losing a message: under a lock (an exclusive queue, so one
 * process of the deployment migrates while the others wait, and a crash releases it), its messages
 * move to a staging quorum queue with the same arguments (`<name>.migrating`, so waiting retries
 * keep going back to the work queue), the old queue is deleted once empty, the new one is declared
 * and the staging queue is drained into it. A staging queue that a crash left behind is drained at
 * the next start. Returns whether a migration happened.
 */
export async function declareQuorumQueue(connection: ChannelModel, spec: QueueSpec): Promise<boolean> {
  const staging = { name: stagingName(spec.name), arguments: spec.arguments };
  if ((await tryDeclare(connection, spec)) && !(await exists(connection, staging.name))) return false;
  await withMigrationLock(connection, spec.name, async () => {
    // Again under the lock: another process may have finished the migration meanwhile.
    if (!(await tryDeclare(connection, spec))) {
      if (!(await tryDeclare(connection, staging))) {
        throw new Error(`cannot declare ${staging.name}: a queue of that name exists with other arguments`);
      }
      // Publishers may still add to the old queue until it is gone: move, try to delete, repeat.
      while (!(await deleteIfEmpty(connection, spec.name))) await moveAll(connection, spec.name, staging.name);
      if (!(await tryDeclare(connection, spec))) throw new Error(`cannot declare ${spec.name} as a quorum queue`);
    }
    if (await exists(connection, staging.name)) {
      await moveAll(connection, staging.name, spec.name);
      // Only a lock holder writes to the staging queue, so it stays empty now.
      await withScratchChannel(connection, (channel) => channel.deleteQueue(staging.name));
    }
  });
  return true;
}

/** True when the queue is (now) declared with exactly these arguments; false when it exists with others. */
async function tryDeclare(connection: ChannelModel, spec: QueueSpec): Promise<boolean> {
  return withScratchChannel(connection, async (channel) => {
    try {
      await channel.assertQueue(spec.name, {
        durable: true,
        arguments: { 'x-queue-type': 'quorum', ...spec.arguments },
      });
      return true;
    } catch (error) {
      if (replyCode(error) === PRECONDITION_FAILED) return false;
      throw error;
    }
  });
}

async function exists(connection: ChannelModel, name: string): Promise<boolean> {
  return withScratchChannel(connection, async (channel) => {
    try {
      await channel.checkQueue(name);
      return true;
    } catch (error) {
      if (replyCode(error) === NOT_FOUND) return false;
      throw error;
    }
  });
}

/**
 * Deletes the old (classic) queue if it holds no message; true when it is gone. (`if-empty` works on
 * classic queues only: RabbitMQ refuses it for quorum queues with a connection error.)
 */
async function deleteIfEmpty(connection: ChannelModel, name: string): Promise<boolean> {
  return withScratchChannel(connection, async (channel) => {
    try {
      await channel.deleteQueue(name, { ifEmpty: true });
      return true;
    } catch (error) {
      if (replyCode(error) === NOT_FOUND) return true;
      if (replyCode(error) === PRECONDITION_FAILED) return false;
      throw error;
    }
  });
}

/**
 * Moves every message of `from` to `to`, each acked on `from` only after the broker confirmed its
 * copy and did not return it as unroutable (then the batch goes back to `from` and this throws).
 */
async function moveAll(connection: ChannelModel, from: string, to: string): Promise<void> {
  await withScratchChannel(connection, async (channel) => {
    let returned = false;
    channel.on('return', () => (returned = true));
    for (;;) {
      const batch: GetMessage[] = [];
      for (let message; batch.length < MOVE_BATCH && (message = await channel.get(from, { noAck: false }));) {
        batch.push(message);
      }
      if (batch.length === 0) return;
      for (const message of batch) channel.sendToQueue(to, message.content, copiedProperties(message));
      await channel.waitForConfirms();
      if (returned) {
        channel.nack(batch.at(-1)!, true, true);
        throw new Error(`could not move messages from ${from}: ${to} is missing`);
      }
      channel.ack(batch.at(-1)!, true);
    }
  });
}

/** Runs `fn` while holding `<name>.migration-lock`, an exclusive queue on this connection. */
async function withMigrationLock(connection: ChannelModel, name: string, fn: () => Promise<void>): Promise<void> {
  const lock = `${name}.migration-lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const taken = await withScratchChannel(connection, async (channel) => {
      try {
        await channel.assertQueue(lock, { exclusive: true, autoDelete: true, durable: false });
        return true;
      } catch (error) {
        if (replyCode(error) === RESOURCE_LOCKED) return false;
        throw error;
      }
    });
    if (taken) break;
    if (Date.now() > deadline) throw new Error(`another process has been migrating ${name} for too long`);
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    await fn();
  } finally {
    await withScratchChannel(connection, (channel) => channel.deleteQueue(lock)).catch(() => undefined);
  }
}

/** What a moved message keeps: its body's type, its id and headers (`x-park-reason`, `x-death`). */
function copiedProperties(message: GetMessage): Options.Publish {
  const p = message.properties;
  return {
    persistent: true,
    mandatory: true,
    contentType: p.contentType as string | undefined,
    contentEncoding: p.contentEncoding as string | undefined,
    headers: p.headers,
    messageId: p.messageId as string | undefined,
    correlationId: p.correlationId as string | undefined,
    timestamp: p.timestamp as number | undefined,
    type: p.type as string | undefined,
    appId: p.appId as string | undefined,
  };
}

/**
 * A server-side refusal (404, 406) closes the channel it happened on, so each step gets a channel
 * of its own and the connection's other channels (the publisher, the consumer) never notice.
 */
async function withScratchChannel<T>(
  connection: ChannelModel,
  fn: (channel: ConfirmChannel) => Promise<T>,
): Promise<T> {
  const channel = await connection.createConfirmChannel();
  let closed = false;
  channel.on('close', () => (closed = true));
  // The refusal also rejects the call in flight, which is where it is handled; unheard it would throw.
  channel.on('error', () => undefined);
  try {
    return await fn(channel);
  } finally {
    if (!closed) await (channel as Channel).close().catch(() => undefined);
  }
}

function replyCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;
}
