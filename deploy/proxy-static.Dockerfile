# nginx with the static build of the web app (docker-compose.static.yml). Its configuration
# is mounted from deploy/nginx, as for the server-rendered setup. Build context: the repository root.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# Every workspace's manifest is needed for `npm ci` to match the lockfile.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/shared packages/shared
COPY apps/web apps/web
RUN npm run build -w @citizen/shared && npm run build:static -w @citizen/web

FROM ${NGINX_IMAGE} AS runtime
COPY --from=build /app/apps/web/build-static /usr/share/nginx/html
# The image's unprivileged nginx user; it listens on 8080 (and 8443 with TLS).
USER 101
EXPOSE 8080 8443
HEALTHCHECK --interval=10s --timeout=5s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-health"]
