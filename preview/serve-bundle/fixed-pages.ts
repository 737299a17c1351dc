import type { FastifyReply } from 'fastify';

/**
 * The pages a preview shows instead of its content: fixed text, nothing from the bundle. The
 * security headers are already on the reply (onRequest hook); neither is ever cached, so a browser
 * asks again rather than remember it.
 */
function page(title: string, text: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { font: 1.1rem/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #333; }</style>
</head>
<body>
<h1>${title}</h1>
<p>${text}</p>
</body>
</html>
`;
}

const gonePage = page('This preview is gone', 'It expired or was removed. Ask the bot for a new site.');
const refusedPage = page('This preview cannot be shown', 'It holds content this server does not show.');

/** 410: the preview expired or was deleted. */
export function replyGone(reply: FastifyReply): FastifyReply {
  return reply.code(410).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(gonePage);
}

/** 403: the file holds markup no published preview has (refuse-unstoppable-markup.ts). */
export function replyRefused(reply: FastifyReply): FastifyReply {
  return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(refusedPage);
}
