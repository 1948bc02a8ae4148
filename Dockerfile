# syntax=docker/dockerfile:1
# Plumbline's container image: built from the repository, served by the self-contained Next.js
# server (`node server.js` from the build's standalone folder) as an unprivileged user.
#   docker build -t plumbline .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e NEXTAUTH_SECRET=… -e NEXTAUTH_URL=https://… plumbline
# Without DATABASE_URL it keeps an embedded PGlite database in the /data volume (one replica only).

ARG NODE_VERSION=20

# 1. Dependencies, exactly as locked (the build needs the dev dependencies too).
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The production build. This stage, with every tool and the sources, is also the `tools`
#    target: `docker compose run --rm tools npm run user:create -- --email … --role admin`.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

# 3. What runs: the standalone server (it carries the migrations and the OTLP definitions it
#    reads) and the static files beside it, owned by root so the server cannot change its code.
FROM node:${NODE_VERSION}-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    PLUMBLINE_DATA_DIR=/data
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# Writable by the server: its data folder (embedded database) and Next.js's cache, nothing else.
RUN groupadd --system --gid 10001 plumbline \
 && useradd --system --uid 10001 --gid plumbline --no-create-home --shell /usr/sbin/nologin plumbline \
 && mkdir -p /data /app/.next/cache \
 && chown plumbline:plumbline /data /app/.next/cache
USER plumbline
VOLUME ["/data"]
EXPOSE 3000
# Liveness only: readiness (database reachable, migrations applied) is /api/ready, for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
