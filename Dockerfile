# One build, two targets: `api` (the default, last stage) serves HTTP; `worker` runs analysis and
# chat jobs. Both run the bundle that `npm start` runs (scripts/build-api.mjs, built in the image).
# The app's web build is not in the image: serve it from a CDN, or build it into apps/mobile/dist
# before `docker build` and drop that line from .dockerignore.
FROM node:20-bookworm-slim AS base
# chromium: rendered crawls; tini: PID 1 that forwards SIGTERM (graceful shutdown) and reaps
# Chromium's children.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/analyzer/package.json packages/analyzer/
COPY packages/engine/package.json packages/engine/
COPY packages/url/package.json packages/url/
COPY apps/api/package.json apps/api/
# Only the workspaces the API runs on, without dev dependencies (not the Expo app's).
RUN npm ci --omit=dev -w packages/contracts -w packages/url -w packages/analyzer -w packages/engine -w apps/api \
  && npm cache clean --force
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY packages/url packages/url
COPY packages/analyzer packages/analyzer
COPY packages/engine packages/engine
COPY apps/api apps/api
COPY scripts/build-api.mjs scripts/newest-mtime.mjs scripts/
# Built once here: `npm start` then finds the bundle up to date and runs plain JavaScript.
RUN node scripts/build-api.mjs
# data: the embedded database when DATABASE_URL is unset; secrets: the compose stack's shared
# JWT secret (a new named volume takes this folder's owner).
RUN mkdir -p /app/data /app/secrets && chown node:node /app/data /app/secrets
USER node
WORKDIR /app/apps/api
ENTRYPOINT ["/usr/bin/tini", "--"]

FROM base AS worker
CMD ["node", "dist/worker.js"]

FROM base AS api
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
