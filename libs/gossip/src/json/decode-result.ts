/** Why a gossip payload was refused; each reason is a metric label. */
export type DecodeFailure =
  'too_large' | 'invalid_json' | 'not_an_object' | 'wrong_type' | 'bad_envelope';

export class GossipDecodeError extends Error {
  constructor(
    readonly reason: DecodeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'GossipDecodeError';
  }
}

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: GossipDecodeError };

export function decoded<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function refused<T>(reason: DecodeFailure, message: string): DecodeResult<T> {
  return { ok: false, error: new GossipDecodeError(reason, message) };
}
