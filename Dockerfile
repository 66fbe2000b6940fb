# syntax=docker/dockerfile:1
# upbeat in one container: `docker build -t upbeat . && docker run -e UPBEAT_URL=https://example.com -p 3000:3000 upbeat`
# The image runs the single executable (dist/upbeat: node, the server, the page and the SQLite addon
# in one file) on debian:bookworm-slim instead of running the bundle on node:24-bookworm-slim.
# Smaller: both hold the same node binary on the same Debian base (~75 MB), but this image leaves
# out the npm, corepack and headers of the Node image; upbeat adds about 3 MB to the binary. Not a
# distroless base (smaller still): the executable needs glibc and libstdc++ (both here), and the
# health check needs a shell, since the executable cannot run `node -e` and there is no curl.

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
# Also writes dist/upbeat: this stage's node binary with the server, page and addon injected.
RUN node build.mjs
RUN mkdir -p /out && cp dist/upbeat /out/

# --- run: the executable only, as a non-root user ---------------------------------------------
FROM debian:bookworm-slim
ENV UPBEAT_DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
COPY --from=build /out/ /app/
# /config is the working directory so a mounted /config/upbeat.yaml is found without flags;
# /data holds the SQLite history (or the QuestDB outbox) and must survive the container. The
# user's home holds the SQLite addon, unpacked from the executable at the first start.
RUN useradd --create-home --uid 1000 upbeat \
 && mkdir -p /data /config && chown upbeat:upbeat /data
USER upbeat
WORKDIR /config
VOLUME ["/data"]
EXPOSE 3000
# bash's /dev/tcp: one HTTP/1.0 request to /healthz, healthy when the status line says 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# upbeat is PID 1 and handles SIGTERM itself: probes drain, the store flushes, exit 0 within 5 s.
CMD ["/app/upbeat"]
