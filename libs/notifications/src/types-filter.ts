import { FILTERABLE_TYPES, type FilterableType } from './notification-message.js';

export type TypesFilterResult =
  { ok: true; types: ReadonlySet<FilterableType> | undefined } | { ok: false; error: string };

/**
 * The `?types=block,subtree` query value: undefined (no parameter) means every type. An empty
 * list, an unknown or repeated name is refused with a message that lists the accepted names.
 */
export function parseTypesFilter(value: string | null): TypesFilterResult {
  if (value === null) return { ok: true, types: undefined };
  const names = value.split(',').map((name) => name.trim());
  const accepted = new Set<FilterableType>();
  for (const name of names) {
    if (!(FILTERABLE_TYPES as readonly string[]).includes(name)) {
      return {
        ok: false,
        error: `unknown notification type "${name}" in types=${value}; expected a comma-separated list of ${FILTERABLE_TYPES.join(', ')}`,
      };
    }
    if (accepted.has(name as FilterableType)) {
      return { ok: false, error: `notification type "${name}" repeated in types=${value}` };
    }
    accepted.add(name as FilterableType);
  }
  return { ok: true, types: accepted };
}

/** A stable name for a filter, so clients with the same filter can share one batch of frames. */
export function typesFilterKey(types: ReadonlySet<FilterableType> | undefined): string {
  return types === undefined ? '*' : FILTERABLE_TYPES.filter((t) => types.has(t)).join(',');
}
