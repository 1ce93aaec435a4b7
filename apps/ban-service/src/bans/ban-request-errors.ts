/** A request field that cannot be used; the message names the field and the value. */
export class BadBanRequestError extends Error {
  override readonly name = 'BadBanRequestError';
}

/** Too many changes are waiting on this replica. */
export class BanServiceBusyError extends Error {
  override readonly name = 'BanServiceBusyError';
}
