# The department as one container. Postgres and Redis are external (DATABASE_URL, REDIS_URL);
# without them it falls back to PGlite in /app/.data and an in-process bus.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY manifests ./manifests
COPY prompts ./prompts
COPY migrations ./migrations
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
# 3000: Slack's requests (POST /slack/events) and GET /healthz. 3001: the local workspace's page, served
# when no Slack credentials are set; it binds every interface of the container so a published port
# reaches it (publish it on the host's loopback: -p 127.0.0.1:3001:3001; it has no logins).
EXPOSE 3000 3001
ENV PORT=3000 LOCAL_WORKSPACE_HOST=0.0.0.0
# Healthy once the database and the bus answer (GET /healthz is 200, else 503). node, as the image has
# no curl. A ROLE=worker container listens on no port: run it with --no-healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
