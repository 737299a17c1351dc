import amqp, { type ChannelModel } from 'amqplib';

/** RABBITMQ_URL as a list: one AMQP URL, or the nodes of a cluster comma-separated, in the order to try them. */
export function brokerUrls(rabbitmqUrl: string): string[] {
  return rabbitmqUrl
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}

/**
 * Connects to the first node of RABBITMQ_URL that answers, trying them in order. When none does,
 * the error is the node's own (one node) or says how many were tried and what the last one said;
 * never a URL (they carry credentials).
 */
export async function connectBroker(
  rabbitmqUrl: string,
  options: {
    /** Client-provided name (`connection_name`), shown by `rabbitmqctl list_connections`. */
    connectionName: string;
    /** Gives up on one node's TCP connect or AMQP handshake after this long. */
    timeoutMs: number;
  },
): Promise<ChannelModel> {
  const urls = brokerUrls(rabbitmqUrl);
  let lastError: unknown;
  for (const url of urls) {
    try {
      return await amqp.connect(url, {
        clientProperties: { connection_name: options.connectionName },
        timeout: options.timeoutMs,
      });
    } catch (error) {
      lastError = error;
    }
  }
  if (urls.length === 1) throw lastError;
  const last = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`none of the ${urls.length} RabbitMQ nodes in RABBITMQ_URL answered; the last: ${last}`, {
    cause: lastError,
  });
}
