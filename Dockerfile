# Mercato: compiled server and web app, run as the unprivileged `node` user.
#   docker build -t mercato .
#   docker run -p 3000:3000 -e MERCATO_SECRET=… -e DATABASE_URL=postgres://… mercato
# Without DATABASE_URL it uses PGlite in /data (mount a volume there to keep it).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Compiles src/ into dist/server (with the SQL migrations) and the web app into dist/web,
# then drops the development dependencies from node_modules.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    MERCATO_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# `serve` migrates (under an advisory lock, so N containers may start together) and serves.
CMD ["node", "bin/mercato.js", "serve"]
