# syntax=docker/dockerfile:1
# upbeat in one container: `docker build -t upbeat . && docker run -e UPBEAT_URL=https://example.com -p 3000:3000 upbeat`
# Expected size: the node:24-bookworm-slim base (~220 MB unpacked) plus ~4 MB of upbeat: the
# server bundle (~0.8 MB), the page (~40 kB with its .gz/.br twins) and better-sqlite3's addon.

# --- build: dev dependencies and a C++ toolchain, none of which reach the final image ---------
FROM node:24-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json build.mjs ./
COPY src ./src
COPY public ./public
RUN node build.mjs
# What the bundle loads at run time beside itself: better-sqlite3 (a native addon, not bundleable)
# and `bindings`, which locates the addon. The addon's C sources and object files stay behind.
RUN mkdir -p /out/node_modules \
 && cp -r node_modules/better-sqlite3 node_modules/bindings node_modules/file-uri-to-path /out/node_modules/ \
 && rm -rf /out/node_modules/better-sqlite3/deps /out/node_modules/better-sqlite3/src \
           /out/node_modules/better-sqlite3/build/Release/obj* /out/node_modules/better-sqlite3/build/Release/.deps \
           /out/node_modules/better-sqlite3/build/deps /out/node_modules/better-sqlite3/build/Release/test_extension.node \
 && cp -r dist public /out/

# --- run: Node and upbeat only, as a non-root user --------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    UPBEAT_DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /out/ /app/
# /config is the working directory so a mounted /config/upbeat.yaml is found without flags;
# /data holds the SQLite history (or the QuestDB outbox) and must survive the container.
RUN mkdir -p /data /config && chown node:node /data
USER node
WORKDIR /config
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: probes drain, the store flushes, exit 0 within 5 s.
CMD ["node", "/app/dist/upbeat.mjs"]
