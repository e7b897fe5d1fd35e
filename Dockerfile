# The IGNY8 service (HTTP API and job worker) with the dashboard it serves at /, and (target
# `plugin`) the WordPress plugin built for mounting. Build from the repository root: `docker build .`

# ---- build: the dashboard and the service, compiled to plain JavaScript --------------------------
# Build tools (vite, esbuild) stay in this stage; the image below gets only what they produce.
FROM node:22-slim AS build
WORKDIR /build
COPY package.json package-lock.json tsconfig.base.json ./
COPY service/package.json service/
COPY shared/package.json shared/
COPY wp-plugin/package.json wp-plugin/
COPY dashboard/package.json dashboard/
RUN npm ci --workspace=service --workspace=dashboard --no-audit --no-fund --loglevel=error
COPY shared shared
COPY dashboard dashboard
COPY service/tsconfig.json service/
COPY service/scripts service/scripts
COPY service/src service/src
# service/dist/main.js, worker.js and worker-entry.mjs (the clustering thread); dashboard/dist.
RUN npm run build -w dashboard && npm run build -w service

# ---- plugin: the WordPress plugin with its built screens ------------------------------------------
# docker-compose.yml copies /plugin into the volume WordPress loads the plugin from.
FROM node:22-slim AS plugin
WORKDIR /build
COPY package.json package-lock.json tsconfig.base.json ./
COPY service/package.json service/
COPY shared/package.json shared/
COPY dashboard/package.json dashboard/
COPY wp-plugin/package.json wp-plugin/
RUN npm ci --workspace=wp-plugin --no-audit --no-fund --loglevel=error
COPY shared shared
COPY wp-plugin wp-plugin
RUN npm run build -w wp-plugin \
  && mkdir /plugin \
  && tar -C wp-plugin --exclude=node_modules --exclude=tests --exclude=src -cf - . | tar -C /plugin -xf -

# ---- the service image ---------------------------------------------------------------------------
FROM node:22-slim AS service

ENV NODE_ENV=production \
    IGNY8_DATA_DIR=/data \
    PORT=8011

WORKDIR /app
RUN mkdir -p /data && chown node:node /app /data
USER node

# Run-time dependencies only (no tsx, no build tools), in a layer of their own so that a change of
# source alone reuses it. The compiled service imports its npm packages from here.
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node service/package.json service/
COPY --chown=node:node shared/package.json shared/
COPY --chown=node:node wp-plugin/package.json wp-plugin/
COPY --chown=node:node dashboard/package.json dashboard/
RUN npm ci --omit=dev --workspace=service --no-audit --no-fund --loglevel=error && npm cache clean --force

# The places src/paths.ts expects: migrations beside dist/, the dashboard two folders up.
COPY --chown=node:node service/migrations service/migrations
COPY --chown=node:node --from=build /build/service/dist service/dist
COPY --chown=node:node --from=build /build/dashboard/dist dashboard/dist

WORKDIR /app/service
VOLUME /data
EXPOSE 8011
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8011) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node itself is PID 1 rather than `npm start`: the shell npm starts does not pass SIGTERM on, so
# `docker stop` would end in SIGKILL instead of the service's graceful shutdown. A worker process
# is the same image with `node --enable-source-maps dist/worker.js`.
CMD ["node", "--enable-source-maps", "dist/main.js"]
