import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Closes, on the broker's side, every connection whose client-provided name starts with
 * `<prefix>/` (the adapter names them `<QUEUE_PREFIX>/<role>/<host>:<pid>`), as a broker restart or
 * a network cut would. Only this test's connections: other test files share the broker. Needs
 * `rabbitmqctl` on the broker's machine (as .ci/run has it). Returns how many it closed.
 */
export async function closeBrokerConnections(prefix: string, reason = 'fault test'): Promise<number> {
  const pids = await connectionPids(prefix);
  for (const pid of pids) {
    // A connection that went away meanwhile is fine: it is closed either way.
    await run('rabbitmqctl', ['-q', 'close_connection', pid, reason]).catch(() => undefined);
  }
  return pids.length;
}

/** Broker-side process ids of this prefix's connections. */
export async function connectionPids(prefix: string): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('rabbitmqctl', [
      '-q',
      'list_connections',
      '--no-table-headers',
      'pid',
      'client_properties',
    ]));
  } catch (error) {
    throw new Error(
      `the fault tests drive the broker with rabbitmqctl, which failed (is it on PATH, next to RabbitMQ?): ${String(error)}`,
      { cause: error },
    );
  }
  const pids: string[] = [];
  for (const line of stdout.split('\n')) {
    const [pid, properties = ''] = line.split('\t');
    const name = /\{"connection_name","([^"]*)"\}/.exec(properties)?.[1];
    if (pid && name?.startsWith(`${prefix}/`)) pids.push(pid.trim());
  }
  return pids;
}
