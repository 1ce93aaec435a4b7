/** The image tag the root Dockerfile builds and every app Dockerfile starts from. */
export const RUNTIME_IMAGE = 'teranode-p2p-runtime';

/** The official Node 24 slim images the runtime image may be built on. */
export const NODE_IMAGE = /^node:24(\.\d+)*-(bookworm|trixie)-slim$/;

/** Third-party images the deployment may pull: official images, pinned to a version. */
export const THIRD_PARTY_IMAGES: readonly RegExp[] = [
  /^postgres:1[5-8](\.\d+)?$/,
  /^apache\/kafka:4\.\d+\.\d+$/,
];
