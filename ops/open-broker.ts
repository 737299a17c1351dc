import { hostname } from 'node:os';
import type { ConfirmChannel } from 'amqplib';
import { connectBroker } from '../shared/queue/connect-broker.ts';
import { retryTiersMs } from '../shared/queue/port.ts';
import { declareTopology, queueNames, type QueueNames } from '../shared/queue/rabbitmq-topology.ts';

/** A direct line to this deployment's queues, for looking at and moving messages by hand. */
export interface OpsBroker {
  /** Confirm channel: a message the CLI moves counts as moved only once the broker confirmed it. */
  channel: ConfirmChannel;
  names: QueueNames;
  close(): Promise<void>;
}

export interface OpenBrokerOptions {
  url: string;
  prefix: string;
  /** RETRY_BASE_DELAY_MS: the retry tiers are declared with the same names the services use. */
  retryBaseDelayMs: number;
}

/**
 * Connects and declares the queues exactly as the services do (the adapter's own function, same
 * arguments), so a command works before any service ran and never fights the services' topology.
 * The connection is named `<prefix>/ops/<host>:<pid>`, like the services' connections.
 */
export async function openBroker(options: OpenBrokerOptions): Promise<OpsBroker> {
  const names = queueNames(options.prefix);
  const connection = await connectBroker(options.url, {
    connectionName: `${options.prefix}/ops/${hostname()}:${process.pid}`,
    timeoutMs: 10_000,
  });
  // A server-side channel error (404, 406) also rejects the operation in flight, which reports it;
  // unheard 'error' events would crash the process instead.
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await declareTopology(connection, names, retryTiersMs(options.retryBaseDelayMs));
    return { channel, names, close: () => connection.close().catch(() => undefined) };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
