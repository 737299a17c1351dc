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
        path: z.string().describe('Lowercase relative path, e.g. index.html, styles.css or images/logo.png'),
        // Required (strict structured output has no optional fields): every file says how it is written.
        encoding: z
          .enum(['utf8', 'base64'])
          .describe('utf8 for text files (.html .css .svg .txt); base64 for images (.png .jpg .webp .ico)'),
        content: z.string().describe('The whole file: its text, or for an image its bytes in base64'),
      }),
    )
    .describe('index.html first, then styles.css, any other pages and the images they show'),
});

/** Chat Completions `response_format`: a strict JSON schema named site_bundle. */
export const openAiResponseFormat = zodResponseFormat(answerSchema, 'site_bundle');

/** Gemini `responseJsonSchema`: the same schema as plain JSON Schema, without the `$schema` tag. */
export const geminiResponseJsonSchema: Record<string, unknown> = (() => {
  const schema = { ...z.toJSONSchema(answerSchema) } as Record<string, unknown>;
  delete schema.$schema;
  return schema;
})();
