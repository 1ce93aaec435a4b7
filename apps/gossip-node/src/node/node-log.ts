/** The slice of a logger the node's parts use (Nest's Logger fits). */
export interface NodeLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}
