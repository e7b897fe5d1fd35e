# The IGNY8 service (HTTP API and job worker) with the dashboard it serves at /.
# Build from the repository root: `docker build .`

# The dashboard is built in a stage of its own: its build tools stay out of the image.
FROM node:22-slim AS dashboard
WORKDIR /build
COPY package.json package-lock.json tsconfig.base.json ./
COPY service/package.json service/
COPY shared/package.json shared/
COPY wp-plugin/package.json wp-plugin/
COPY dashboard/package.json dashboard/
RUN npm ci --workspace=dashboard --no-audit --no-fund --loglevel=error
COPY shared/src shared/src
COPY dashboard dashboard
RUN npm run build -w dashboard

FROM node:22-slim

ENV NODE_ENV=production \
    IGNY8_DATA_DIR=/data \
    PORT=8011

WORKDIR /app
RUN mkdir -p /data && chown node:node /app /data
USER node

# Dependencies first, so that a change of source alone reuses this layer. Only the service's
# workspace is installed: the plugin's build tools are not needed here. tsx is a runtime
# dependency (it runs the TypeScript at start), so development dependencies can be left out.
COPY --chown=node:node package.json package-lock.json tsconfig.base.json ./
COPY --chown=node:node service/package.json service/tsconfig.json service/
COPY --chown=node:node shared/package.json shared/tsconfig.json shared/
COPY --chown=node:node wp-plugin/package.json wp-plugin/
COPY --chown=node:node dashboard/package.json dashboard/
RUN npm ci --omit=dev --workspace=service --no-audit --no-fund --loglevel=error && npm cache clean --force

COPY --chown=node:node shared/src shared/src
COPY --chown=node:node service/migrations service/migrations
COPY --chown=node:node service/src service/src
COPY --chown=node:node --from=dashboard /build/dashboard/dist dashboard/dist

WORKDIR /app/service
VOLUME /data
EXPOSE 8011
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8011) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node itself is PID 1 rather than `npm start`: the shell npm starts does not pass SIGTERM on, so
# `docker stop` would end in SIGKILL instead of the service's graceful shutdown. Same entry point.
CMD ["node", "--import", "tsx", "src/main.ts"]
