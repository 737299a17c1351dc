import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';

/**
 * The shape models are asked to answer in (structured output). Deliberately looser than
 * `bundleSchema`: vendors accept only a subset of JSON Schema (every field required, few keywords),
 * so path rules, limits and the index.html requirement are checked afterwards by parseAnswer.
 */
export const answerSchema = z.object({
  title: z.string().describe('Short site title, plain text'),
  summary: z.string().describe('One sentence describing the site, plain text'),
  files: z
    .array(
      z.object({
        path: z.string().describe('Lowercase relative path, e.g. index.html or styles.css'),
        content: z.string().describe('The whole file'),
      }),
    )
    .describe('index.html first, then styles.css and any other pages'),
});

/** Chat Completions `response_format`: a strict JSON schema named site_bundle. */
export const openAiResponseFormat = zodResponseFormat(answerSchema, 'site_bundle');

/** Gemini `responseJsonSchema`: the same schema as plain JSON Schema, without the `$schema` tag. */
export const geminiResponseJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _tag, ...schema } = z.toJSONSchema(answerSchema) as Record<string, unknown>;
  return schema;
})();
