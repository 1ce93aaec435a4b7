/**
 * `subtreevalidation_blacklisted_baseurls` matching (reference-service.md §2.8): compare the
 * lower-cased host names; a URL or entry without a parseable host matches only the identical
 * string. Scheme, port and path are ignored; sub-domains do not match.
 */
function hostOf(text: string): string | undefined {
  try {
    const host = new URL(text).hostname;
    return host === '' ? undefined : host.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isBlacklistedBaseUrl(url: string, blacklist: readonly string[]): boolean {
  const host = hostOf(url);
  return blacklist.some((entry) => {
    const entryHost = hostOf(entry);
    if (host === undefined || entryHost === undefined) return entry === url;
    return entryHost === host;
  });
}
