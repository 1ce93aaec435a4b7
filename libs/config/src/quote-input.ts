/** How much of a caller's text an error message repeats. */
export const QUOTED_INPUT_LENGTH = 48;

/**
 * Text a caller sent, as it goes into an error message: JSON-quoted (control characters and
 * line breaks stay escaped) and, past `shown` characters, cut and followed by its length. A gRPC
 * error message travels in the `grpc-message` trailer: an uncut 1 MiB echo makes the caller's
 * HTTP/2 session fail (RST_STREAM, protocol error) instead of telling it what was wrong.
 */
export function quoteInput(text: string, shown = QUOTED_INPUT_LENGTH): string {
  if (text.length <= shown) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, shown))}… (${text.length} characters)`;
}
