/** What one provider call returns: the model's raw text, before it is parsed into a bundle. */
export interface ProviderAnswer {
  text: string;
  /** The model that answered, as the provider reports it (or the one we asked for). */
  model: string;
  usage?: { inputTokens: number; outputTokens: number };
}

export interface GenerateOptions {
  /** Aborts the call (job timeout or shutdown); the promise then rejects with a retryable ProviderError. */
  signal: AbortSignal;
}

/**
 * The port the worker needs from an AI vendor: one prompt in, one answer out.
 * Adapters throw ProviderError (retryable or not) or InvalidAnswerError — never a vendor SDK error.
 */
export interface Provider {
  readonly name: string;
  generate(prompt: string, options: GenerateOptions): Promise<ProviderAnswer>;
}
