export {
  BoundedTtlMap,
  type BoundedTtlMapOptions,
  type BoundedTtlMapStats,
} from './bounded-ttl-map.js';
export { BoundedMap } from './bounded-map.js';
