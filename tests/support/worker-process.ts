import { spawnService, type ServiceProcess, type SpawnServiceOptions } from './service-process.ts';

export type WorkerProcess = ServiceProcess;

/** `npm run worker` as a real child process (or `options.command`, e.g. the image's); ready once it consumes jobs. */
export function spawnWorker(env: Record<string, string>, options: SpawnServiceOptions = {}): WorkerProcess {
  return spawnService('worker/main.ts', 'worker consuming jobs', { WORKER_PORT: '0', ...env }, options);
}
