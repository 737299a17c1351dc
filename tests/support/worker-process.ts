import { spawnService, type ServiceProcess } from './service-process.ts';

export type WorkerProcess = ServiceProcess;

/** `npm run worker` as a real child process; ready once it consumes jobs. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  return spawnService('worker/main.ts', 'worker consuming jobs', { WORKER_PORT: '0', ...env });
}
