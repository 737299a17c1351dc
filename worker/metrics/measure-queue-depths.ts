import { hostname } from 'node:os';
import type { Channel, ChannelModel } from 'amqplib';
import type { Config } from '../../shared/config/index.ts';
import { queueNames } from '../../shared/queue/index.ts';
import { connectBroker } from '../../shared/queue/connect-broker.ts';
import { readQueueDepths } from '../../shared/queue/queue-depths.ts';
import { queueMessages } from './worker-metrics.ts';

/** Longest a scrape waits for the broker; then the depths are left out of that scrape. */
const ASK_TIMEOUT_MS = 3000;

interface Line {
  connection: ChannelModel;
  channel: Channel;
}

/**
 * Feeds the queue-depth gauge from RabbitMQ at each scrape, over a connection of its own: the
 * queue adapter's connection carries jobs and is not to be shared with a probe. The connection is
 * opened at the first scrape (a worker nobody scrapes opens none), named
 * `<prefix>/worker-metrics/<host>:<pid>`, and opened again after it failed. With the in-process
 * queue there is no broker to ask, and the gauge stays empty.
 */
export function measureQueueDepths(config: Pick<Config, 'rabbitmqUrl' | 'queuePrefix'>): { close(): Promise<void> } {
  const url = config.rabbitmqUrl;
  if (!url) return { close: async () => undefined };
  const names = queueNames(config.queuePrefix);
  const connectionName = `${config.queuePrefix}/worker-metrics/${hostname()}:${process.pid}`;
  let line: Promise<Line> | undefined;

  const drop = (failed: Promise<Line>) => {
    if (line === failed) line = undefined;
    void failed.then(({ connection }) => connection.close()).catch(() => undefined);
  };
  const open = (): Promise<Line> => {
    const opening = (async () => {
      const connection = await connectBroker(url, { connectionName, timeoutMs: ASK_TIMEOUT_MS });
      // A passive declare of a missing queue closes the channel (404); errors reject the call in flight.
      connection.on('error', () => undefined);
      connection.on('close', () => drop(opening));
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => drop(opening));
      return { connection, channel };
    })();
    return opening;
  };

  const stop = queueMessages.measureWith(async () => {
    const current = (line ??= open());
    try {
      const { channel } = await current;
      const depths = await withTimeout(readQueueDepths(channel, names), ASK_TIMEOUT_MS);
      return [
        { labels: { queue: 'jobs' }, value: depths.jobsReady },
        { labels: { queue: 'parked' }, value: depths.parked },
      ];
    } catch (error) {
      drop(current);
      throw error;
    }
  });

  return {
    async close() {
      stop();
      const current = line;
      line = undefined;
      await current?.then(({ connection }) => connection.close()).catch(() => undefined);
    },
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
