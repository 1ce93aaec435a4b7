import { ListenError } from '@teranode-p2p/service-runtime';

/**
 * libp2p's refusal to start when an address cannot be bound, in the node's own terms: its own
 * text points at a libp2p option (`transportManager.faultTolerance`) operators do not have.
 */
export function hostListenError(error: unknown): ListenError | undefined {
  if (!(error instanceof Error) || error.name !== 'UnsupportedListenAddressesError')
    return undefined;
  const failed = [...error.message.matchAll(/^\s+(\/\S+): /gm)].map((match) => match[1]);
  return new ListenError(
    'libp2p',
    failed.length > 0 ? failed.join(', ') : 'its listen addresses',
    error,
    'p2p_port, p2p_listen_addresses',
  );
}
