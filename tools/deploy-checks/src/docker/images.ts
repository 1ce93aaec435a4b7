/** The official Node 24 slim images every stage of an app image is built on. */
export const NODE_IMAGE = /^node:24(\.\d+)*-(bookworm|trixie)-slim$/;

/** Third-party images the deployment may pull: official images, pinned to a version. */
export const THIRD_PARTY_IMAGES: readonly RegExp[] = [
  /^postgres:1[5-8](\.\d+)?$/,
  /^apache\/kafka:4\.\d+\.\d+$/,
];
