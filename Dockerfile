# syntax=docker/dockerfile:1
# One image for every role; compose picks the role with its command (npm run api|worker|preview|migrate).

# --- dependencies: production packages only, exactly as the lockfile pins them ---------------------
# tsx runs the TypeScript sources at run time, so it is a production dependency; typescript,
# vitest and the @types packages stay out of the image.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

# --- runtime ---------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

COPY --from=deps /app/node_modules ./node_modules
# Sources stay owned by root: the app user can read them but not change them.
COPY . .

# The only places the app writes. A new named volume mounted on /data/previews copies this
# folder's owner, so the worker (user node) can write bundles there.
RUN mkdir -p /data/previews /app/data \
 && chown node:node /data/previews /app/data

USER node
EXPOSE 8000 8001 8002 8003
CMD ["npm", "run", "api"]
