import type { Provider, ProviderCall } from '../generate/provider.ts';
import { providerCallSeconds, providerCostUsd, providerTokens } from './worker-metrics.ts';

/**
 * The provider port with every call observed: latency by provider and outcome, tokens and cost.
 * It listens where the attempt log does (`onCall`, once per call, failover tries included) and
 * passes each call on to the caller's own `onCall`.
 */
export function measureProviderCalls(provider: Provider): Provider {
  return {
    name: provider.name,
    generate(request, options) {
      return provider.generate(request, {
        ...options,
        onCall(call) {
          observeCall(call);
          options.onCall?.(call);
        },
      });
    },
  };
}

function observeCall(call: ProviderCall): void {
  const { provider } = call;
  providerCallSeconds.observe({ provider, outcome: call.error?.code ?? 'ok' }, call.durationMs / 1000);
  if (call.inputTokens !== null) providerTokens.inc({ provider, direction: 'input' }, call.inputTokens);
  if (call.outputTokens !== null) providerTokens.inc({ provider, direction: 'output' }, call.outputTokens);
  if (call.costUsd !== null) providerCostUsd.inc({ provider }, call.costUsd);
}
