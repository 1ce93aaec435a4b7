/**
 * The one error type this lib throws. Its message is always a single line that an operator can
 * act on: which setting, which value (secrets masked), and what was expected.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  /** Every problem found, one line each; `message` is the first one. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list[0] ?? 'invalid settings');
    this.problems = Object.freeze([...list]);
  }
}

/**
 * Thrown by a setting kind's parser. `expected` completes the sentence
 * "invalid setting key=value: expected …".
 */
export class InvalidSettingValue extends Error {
  override readonly name = 'InvalidSettingValue';

  constructor(readonly expected: string) {
    super(`expected ${expected}`);
  }
}
