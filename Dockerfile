# One image per service: docker build --build-arg SERVICE=intake .
# The operations commands (kafka:acls, kafka:partner): docker build --target tools .
FROM node:20-slim AS source
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .

# The compose deployment's one-shot kafka-setup container: sources and ts-node, as the image's non-root user.
FROM source AS tools
USER node
CMD ["node", "-r", "./scripts/register-ts.js", "libs/security/src/cli/kafka-acls.ts"]

# The console: docker build --target console .
FROM source AS console-build
RUN NX_DAEMON=false npx nx run console:build --excludeTaskDependencies && npm prune --omit=dev

FROM node:20-slim AS console
WORKDIR /app
COPY --from=console-build --chown=node:node /app/node_modules ./node_modules
COPY --from=console-build --chown=node:node /app/dist/apps ./dist/apps
USER node
ENV NODE_ENV=production CONSOLE_HOST=0.0.0.0 CONSOLE_PORT=8080
EXPOSE 8080
CMD ["node", "dist/apps/console-server/apps/console/server/main.js"]

FROM source AS build
ARG SERVICE
RUN NX_DAEMON=false npx nx run ${SERVICE}:build && npm prune --omit=dev

FROM node:20-slim
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/services/${SERVICE} ./dist
USER node
EXPOSE 3000
# V8's old-space limit keeps a service under 200 MB resident (libs/testing's launcher runs the services with the same).
# On the command line, not in NODE_OPTIONS, so that NODE_OPTIONS set for other reasons (an env_file) cannot drop it.
CMD ["sh", "-c", "exec node --max-old-space-size=128 dist/services/${SERVICE}/src/main.js"]
