import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { CHROMIUM_PATH, skipWithoutChromium } from '../support/chromium.ts';
import { chatCompletion, startFakeOpenAi } from '../support/fake-openai.ts';
import { geminiAnswer, startFakeGemini } from '../support/fake-gemini.ts';
import type { FakeAiServer } from '../support/fake-ai-server.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';

/**
 * Images as real models send them: files of the bundle JSON, base64-encoded with
 * `"encoding": "base64"`. A real PNG and a real JPEG go through each provider's wire format (the
 * real SDK against its local fake), the worker, the sanitizer and the preview server; the page
 * served shows both inlined as data: URLs whose bytes are the very files the model sent, and
 * Chromium draws them at their size behind the preview's CSP.
 */

const logoPng = readFileSync(new URL('../fixtures/images/logo.png', import.meta.url));
const photoJpg = readFileSync(new URL('../fixtures/images/photo.jpg', import.meta.url));

/** The model's answer, in the shape the system prompt and the structured-output schema ask for. */
const answer = JSON.stringify({
  title: 'Bean There Coffee',
  summary: 'A coffee shop in Lisbon, with its logo and a photo of the counter.',
  files: [
    {
      path: 'index.html',
      encoding: 'utf8',
      content:
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bean There Coffee</title></head>' +
        '<body><header><img id="logo" src="images/logo.png" alt="Bean There logo"><h1>Bean There Coffee</h1></header>' +
        '<main><img id="photo" src="images/photo.jpg" alt="The counter"><p>Roasted in Lisbon.</p></main></body></html>',
    },
    { path: 'images/logo.png', encoding: 'base64', content: logoPng.toString('base64') },
    { path: 'images/photo.jpg', encoding: 'base64', content: photoJpg.toString('base64') },
  ],
});

/** The file entry of an answer schema, as sent to the vendor. */
const fileSchema = z.object({
  required: z.array(z.string()),
  properties: z.object({ encoding: z.object({ enum: z.array(z.string()) }) }),
});
const filesOf = z.object({ properties: z.object({ files: z.object({ items: fileSchema }) }) });

/** What a request asked the model for: its system instructions and the fields of a file in its answer. */
interface Asked {
  system: string;
  fileSchema: z.infer<typeof fileSchema>;
}

const openAiRequest = z.object({
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  response_format: z.object({ json_schema: z.object({ schema: filesOf }) }),
});
const geminiRequest = z.object({
  systemInstruction: z.object({ parts: z.array(z.object({ text: z.string() })) }),
  generationConfig: z.object({ responseJsonSchema: filesOf }),
});

const providers: {
  name: string;
  start: () => Promise<FakeAiServer & { baseUrl: string }>;
  reply: (text: string) => Record<string, unknown>;
  asked: (body: unknown) => Asked;
}[] = [
  {
    name: 'openai',
    start: startFakeOpenAi,
    reply: (text) => chatCompletion(text),
    asked: (body) => {
      const request = openAiRequest.parse(body);
      return {
        system: request.messages.find((m) => m.role === 'system')?.content ?? '',
        fileSchema: request.response_format.json_schema.schema.properties.files.items,
      };
    },
  },
  {
    name: 'gemini',
    start: startFakeGemini,
    reply: (text) => geminiAnswer(text),
    asked: (body) => {
      const request = geminiRequest.parse(body);
      return {
        system: request.systemInstruction.parts.map((part) => part.text).join(''),
        fileSchema: request.generationConfig.responseJsonSchema.properties.files.items,
      };
    },
  },
];

const noChromium = skipWithoutChromium('tests/e2e/images-from-models');
let browser: Browser;
beforeAll(async () => {
  if (noChromium) return;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(() => browser?.close());

describe.each(providers)('a PNG and a JPEG from $name', ({ name, start, reply, asked }) => {
  let system: TestSystem;
  let ai: FakeAiServer & { baseUrl: string };

  beforeAll(async () => {
    ai = await start();
    system = await startSystem({ AI_PROVIDER: name, AI_API_KEY: 'test-key-images', AI_BASE_URL: ai.baseUrl });
  });
  afterAll(async () => {
    await system?.close();
    await ai?.close();
  });

  it('are asked for by the system prompt and the answer schema: every file names its encoding, base64 for images', async () => {
    ai.enqueue({ body: reply(answer) });
    const update = textUpdate('a page with our logo');
    expect((await system.postUpdate(update)).status).toBe(200);
    await system.telegram.waitFor(
      () => system.telegram.messagesTo(update.message.chat.id).some((t) => findLink(t)),
      60_000,
    );

    const { system: instructions, fileSchema: files } = asked(ai.requests.at(-1)!.body);
    expect([...files.required].sort()).toEqual(['content', 'encoding', 'path']);
    expect(files.properties.encoding.enum).toEqual(['utf8', 'base64']);
    expect(instructions).toContain('"encoding": "base64"');
    expect(instructions).toMatch(/\.png, \.jpg, \.webp or \.ico file whose "encoding" is "base64"/);
  });

  it('are published inlined in the page as data: URLs of the very bytes sent, and Chromium draws them', async () => {
    ai.enqueue({ body: reply(answer) });
    const update = textUpdate('a landing page for a coffee shop, with our logo and a photo');
    expect((await system.postUpdate(update)).status).toBe(200);
    const chatId = update.message.chat.id;
    const link = await system.telegram.waitFor(
      () => system.telegram.messagesTo(chatId).map(findLink).find(Boolean),
      60_000,
    );

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const sources = imageSources(await page.text());
    expect(Object.keys(sources).sort()).toEqual(['logo', 'photo']);
    expect(decodeDataUrl(sources.logo!)).toEqual({ type: 'image/png', bytes: logoPng });
    expect(decodeDataUrl(sources.photo!)).toEqual({ type: 'image/jpeg', bytes: photoJpg });

    const tab = await browser.newPage();
    try {
      await tab.goto(link);
      const sizes = await tab.$$eval('img', (images) =>
        images.map((image) => ({ id: image.id, width: image.naturalWidth, height: image.naturalHeight })),
      );
      expect(sizes).toEqual([
        { id: 'logo', width: 24, height: 16 },
        { id: 'photo', width: 40, height: 24 },
      ]);
    } finally {
      await tab.close();
    }
  });
});

function findLink(text: string): string | undefined {
  return /(http:\/\/127\.0\.0\.1:\d+\/p\/[a-z2-7]+\/)/.exec(text)?.[1];
}

/** `src` of every `<img>` with an id, as a browser's parser reads the page. */
function imageSources(html: string): Record<string, string> {
  const found: Record<string, string> = {};
  const visit = (node: DefaultTreeAdapterTypes.Node) => {
    if ('tagName' in node && node.tagName === 'img') {
      const id = node.attrs.find((a) => a.name === 'id')?.value;
      const src = node.attrs.find((a) => a.name === 'src')?.value;
      if (id && src) found[id] = src;
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parse(html));
  return found;
}

function decodeDataUrl(url: string): { type: string; bytes: Buffer } {
  const match = /^data:([^;,]+);base64,([A-Za-z0-9+/=]+)$/.exec(url);
  if (!match) throw new Error(`not a base64 data: URL: ${url.slice(0, 40)}`);
  return { type: match[1]!, bytes: Buffer.from(match[2]!, 'base64') };
}
