import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from '../log/index.ts';
import { connectBroker } from './connect-broker.ts';

/** One live AMQP connection and the confirm channel every publish on it goes through. */
export interface BrokerSession {
  connection: ChannelModel;
  publisher: ConfirmChannel;
}

export interface RecoveringConnectionOptions {
  /** RABBITMQ_URL: one node, or a cluster's nodes comma-separated; every (re)connect tries them in order. */
  url: string;
  /** Client-provided name (`connection_name`), shown by `rabbitmqctl list_connections` and the management UI. */
  connectionName: string;
  log: Logger;
  /**
   * Runs on every new session before it is handed out: declare the topology, restart the consumer.
   * A throw discards the session and counts as a failed attempt.
   */
  onSession(session: BrokerSession): Promise<void>;
  /** First reconnect delay in ms (default 250); doubled per failed attempt, ±20 % jitter. */
  reconnectDelayMs?: number;
  /** Longest reconnect delay in ms (default 15 000). */
  maxReconnectDelayMs?: number;
}

/** Gives up on a TCP connect (or an AMQP handshake) that hangs, so recovery keeps trying. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * amqplib 0.10 does not reconnect by itself; this does. When the connection closes or errors (and
 * we did not ask for it), the session is dropped — `session` is undefined, so publishers fail fast
 * instead of hanging — and a new connection is made with bounded exponential back-off. Each new
 * session goes through `onSession` again. A channel the server closes (a 404 from a deleted queue,
 * a 406) tears the whole connection down too: one recovery path rebuilds everything.
 */
export class RecoveringConnection {
  #session: BrokerSession | undefined;
  #closing = false;
  #timer: NodeJS.Timeout | undefined;
  #wakeUp: (() => void) | undefined;
  /** The reconnect loop, while one runs. */
  #reconnecting: Promise<void> | undefined;

  private constructor(private readonly options: RecoveringConnectionOptions) {}

  /** Connects once; a broker that is not there at start is an error for the caller (no retry). */
  static async open(options: RecoveringConnectionOptions): Promise<RecoveringConnection> {
    const broker = new RecoveringConnection(options);
    broker.#session = await broker.#connect();
    return broker;
  }

  /** The live session, or undefined while disconnected. */
  get session(): BrokerSession | undefined {
    return this.#session;
  }

  /** Makes an unexpected close of `channel` (the server closed it) recover the whole connection. */
  watch(session: BrokerSession, channel: Channel): void {
    channel.on('error', (error: Error) => this.options.log.warn({ err: error }, 'rabbitmq channel error'));
    channel.on('close', () => this.recover(session, 'a channel closed unexpectedly'));
  }

  /** Drops `session` (if it is still the live one) and reconnects. */
  recover(session: BrokerSession, reason: string): void {
    if (this.#closing || this.#session !== session) return;
    this.#session = undefined;
    this.options.log.error({ reason }, 'rabbitmq connection lost; reconnecting');
    session.connection.close().catch(() => undefined);
    this.#scheduleReconnect();
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#timer);
    this.#wakeUp?.();
    await this.#reconnecting;
    const session = this.#session;
    this.#session = undefined;
    await session?.connection.close().catch(() => undefined);
  }

  async #connect(): Promise<BrokerSession> {
    const connection = await connectBroker(this.options.url, {
      connectionName: this.options.connectionName,
      timeoutMs: CONNECT_TIMEOUT_MS,
    });
    let lost = false;
    const session: BrokerSession = { connection, publisher: undefined as unknown as ConfirmChannel };
    connection.on('error', (error: Error) => this.options.log.warn({ err: error }, 'rabbitmq connection error'));
    connection.on('close', () => {
      lost = true;
      this.recover(session, 'the connection closed');
    });
    try {
      session.publisher = await connection.createConfirmChannel();
      this.watch(session, session.publisher);
      await this.options.onSession(session);
      if (lost) throw new Error('the connection closed while it was being set up');
      return session;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  #scheduleReconnect(): void {
    if (this.#closing || this.#reconnecting) return;
    this.#reconnecting = this.#reconnect();
  }

  /** Tries until connected or closed; clears #reconnecting just before the new session goes live. */
  async #reconnect(): Promise<void> {
    const { reconnectDelayMs = 250, maxReconnectDelayMs = 15_000 } = this.options;
    for (let failedAttempts = 0; ; failedAttempts += 1) {
      const delayMs =
        Math.min(maxReconnectDelayMs, reconnectDelayMs * 2 ** failedAttempts) * (0.8 + Math.random() * 0.4);
      await new Promise<void>((resolve) => {
        this.#wakeUp = resolve;
        this.#timer = setTimeout(resolve, delayMs);
      });
      if (this.#closing) break;
      try {
        const session = await this.#connect();
        if (this.#closing) {
          await session.connection.close().catch(() => undefined);
          break;
        }
        this.#reconnecting = undefined;
        this.#session = session;
        this.options.log.warn({ failedAttempts }, 'rabbitmq reconnected');
        return;
      } catch (error) {
        this.options.log.warn(
          { err: error, failedAttempts: failedAttempts + 1 },
          'rabbitmq reconnect failed; trying again',
        );
      }
    }
    this.#reconnecting = undefined;
  }
}
