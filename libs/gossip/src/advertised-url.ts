import { checkDataHubUrl } from './datahub-url.js';

/**
 * What is wrong with the DataHub URL this node advertises, as a warning for its operator, or
 * undefined when peers with default settings accept it. Peers check every block, subtree and
 * node_status URL (`p2p_allow_private_ips=false` by default) and score the sender of one that
 * points at localhost or a private network, so a node that advertises one is soon banned by
 * them; `p2p_allow_private_ips` on this node does not change what its peers accept.
 */
export function advertisedUrlWarning(url: string, source: string): string | undefined {
  const problem = checkDataHubUrl(url, { allowPrivateIps: false }, source);
  if (problem === undefined) return undefined;
  const consequence =
    problem.reason === 'private_url'
      ? 'peers with p2p_allow_private_ips=false (the default) refuse every block, subtree and node_status this node announces and lower its score until they ban it'
      : 'peers refuse every block, subtree and node_status this node announces';
  return `${problem.detail}: ${consequence}; set asset_httpPublicAddress to the URL peers reach this node's DataHub at (fine as it is only for a network of nodes that all set p2p_allow_private_ips=true)`;
}
