/** The broker cannot take the message right now (disconnected, reconnecting, closed). Try later. */
export class BrokerUnavailableError extends Error {
  readonly code = 'broker_unavailable';
  constructor(message = 'not connected to RabbitMQ (reconnecting)', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BrokerUnavailableError';
  }
}

/** The broker confirmed a publish but returned it: no queue took it (a `mandatory` publish). */
export class UnroutableMessageError extends Error {
  readonly code = 'unroutable';
  constructor(queue: string) {
    super(`RabbitMQ returned the message: no queue named ${queue}`);
    this.name = 'UnroutableMessageError';
  }
}
