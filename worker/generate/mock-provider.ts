import { askForBundle, type AskModel } from './ask-for-bundle.ts';
import { composeSite } from './mock/compose-site.ts';
import { paceStream } from './mock/pace-stream.ts';
import { reviseSite } from './mock/revise-site.ts';
import type { GenerateRequest, Provider } from './provider.ts';

export const MOCK_MODEL = 'mock-1';

export interface MockProviderOptions {
  /** AI_TIMEOUT_MS: the longest one call may take. */
  timeoutMs: number;
  /** MOCK_DELAY_MS: how long the answer takes to stream in; 0 answers at once. */
  delayMs: number;
}

/**
 * The provider for `npm start` without credentials, and for tests: no network, and the same request
 * always gives the same answer. A rule-based composer (mock/) writes the page: it recognises the
 * kind of site, the sections asked for and the facts given, in English or Korean; a reply changes
 * the previous version as asked. It answers the way a real model is asked to (a JSON bundle as
 * streamed text) through the same askForBundle as the real adapters, so parsing, progress and the
 * attempt log run exactly as in production.
 */
export function createMockProvider(options: MockProviderOptions): Provider {
  const name = 'mock';
  return {
    name,
    generate(request, callOptions) {
      const ask: AskModel = async (_turn, { signal, onText }) => {
        const text = JSON.stringify(mockBundle(request));
        await paceStream(text, options.delayMs, signal, onText);
        return { text, model: MOCK_MODEL, finish: 'stop' };
      };
      return askForBundle(
        { provider: name, model: MOCK_MODEL, timeoutMs: options.timeoutMs, prices: {} },
        ask,
        request,
        callOptions,
      );
    },
  };
}

function mockBundle(request: GenerateRequest) {
  return request.previous ? reviseSite(request.previous, request.prompt) : composeSite(request.prompt);
}
