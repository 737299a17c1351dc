import { ProviderError } from '../../../shared/errors.ts';

/** How many pieces a paced answer arrives in: enough for the progress message to move several times. */
const CHUNKS = 24;

/**
 * Hands `text` to `onText` the way a real model streams: in pieces spread over `durationMs`, so the
 * chat's progress message goes through its stages (MOCK_DELAY_MS). 0 sends it all at once. An
 * abort (timeout, shutdown, /cancel) stops it with the retryable error real adapters give.
 */
export async function paceStream(
  text: string,
  durationMs: number,
  signal: AbortSignal,
  onText: (delta: string) => void,
): Promise<void> {
  if (signal.aborted) throw aborted();
  if (durationMs <= 0) return onText(text);
  const size = Math.ceil(text.length / CHUNKS);
  for (let at = 0; at < text.length; at += size) {
    await wait(durationMs / CHUNKS, signal);
    onText(text.slice(at, at + size));
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

function aborted(): ProviderError {
  return new ProviderError('mock call was aborted', true);
}
