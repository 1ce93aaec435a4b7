/** A record that can never be handled as it is (undecodable, invalid field): it goes to the dead-letter topic. */
export class BadRecordError extends Error {
  override readonly name = 'BadRecordError';
}
