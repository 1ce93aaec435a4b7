# syntax=docker/dockerfile:1
# The runtime image every service image starts from: Node 24, the apps built by Nx,
# production dependencies only, code owned by root and run as the unprivileged user node.
# apps/<app>/Dockerfile adds the app's ports, health check and command.
#   docker build -t teranode-p2p-runtime .
#   docker build -f apps/gossip-node/Dockerfile -t teranode-p2p/gossip-node .
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm install --no-audit --no-fund \
 && npx nx run-many -t build -p gossip-node ban-service kafka-bridge ws-gateway blockchain-simulator --output-style=static
RUN sh deploy/docker/stage-runtime.sh /out gossip-node ban-service kafka-bridge ws-gateway \
    blockchain-simulator

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out ./
COPY --from=build --chown=node:node /out/data ./data
USER node
