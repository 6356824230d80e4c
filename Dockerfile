# One image for the API and the worker; compose picks the command.
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=8000
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/analyzer/package.json packages/analyzer/
COPY packages/engine/package.json packages/engine/
COPY packages/url/package.json packages/url/
COPY apps/api/package.json apps/api/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages packages
COPY apps/api apps/api
COPY scripts/build-api.mjs scripts/newest-mtime.mjs scripts/
# Built once here: `npm start` then finds the bundle up to date and runs plain JavaScript.
RUN node scripts/build-api.mjs
USER node
EXPOSE 8000
CMD ["npm", "run", "start", "-w", "apps/api"]
