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
EXPOSE 3000
ENV PORT=3000
CMD ["node", "--import", "tsx", "src/main.ts"]
