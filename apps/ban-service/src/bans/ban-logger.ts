/** Injection token of ban-service's pino logger. */
export const BAN_LOGGER = Symbol('BAN_LOGGER');
