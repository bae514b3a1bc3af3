# Warden's production image: the app built once (`npm run build`), served by `next start`.
# Migrations are applied by the server at start-up under PostgreSQL's advisory lock, so several
# containers may start at once on one database. See README, "Deploying on PostgreSQL".
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PORT=3000 WARDEN_DATA_DIR=/app/data
# The build stage's tree as is: the server needs its sources beside the build (lib/db's PGlite
# worker, prisma/migrations) and tsx for the operator CLI (`npm run warden -- …`).
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/next/dist/bin/next", "start", "-p", "3000", "--keepAliveTimeout", "65000"]
