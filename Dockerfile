# syntax=docker/dockerfile:1
# One image for every role; compose picks the role with its command: node dist/<role>/main.js
# (api, worker, preview, ops; node dist/shared/db/migrate-main.js for the migrations). The renderer
# has a target of its own (the same plus Chromium): docker build --target renderer.

# --- build: every dependency, then TypeScript compiled to JavaScript in dist/ (npm run build) ------
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY tsconfig.json tsconfig.build.json main.ts ./
COPY scripts ./scripts
COPY api ./api
COPY worker ./worker
COPY renderer ./renderer
COPY preview ./preview
COPY shared ./shared
COPY ops ./ops
COPY migrations ./migrations
RUN npm run build

# --- production dependencies only, exactly as the lockfile pins them ------------------------------
# No TypeScript, tsx, vitest or the embedded database (PGlite): they are development dependencies.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

# --- renderer: the runtime with Debian's Chromium (and fonts for Korean), for compose profile renderer --
FROM node:22-bookworm-slim AS renderer
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
CMD ["node", "dist/renderer/main.js"]

# --- runtime: node runs the compiled code directly (compose adds an init as PID 1) ----------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# Everything stays owned by root: the app user can read the code but not change it.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The only place the app writes. A new named volume mounted on /data/previews copies this folder's
# owner, so the worker (user node) can write bundles there.
RUN mkdir -p /data/previews && chown node:node /data/previews
USER node
EXPOSE 8000 8001 8002 8003
CMD ["node", "dist/api/main.js"]
