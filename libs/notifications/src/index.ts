export {
  FILTERABLE_TYPES,
  NOTIFICATION_TYPES,
  type FeePolicyJson,
  type FilterableType,
  type NotificationMessage,
  type NotificationType,
} from './notification-message.js';
export { formatNotificationTimestamp } from './notification-timestamp.js';
export { goJsonString } from './go-json.js';
export { serializeNotification } from './serialize-notification.js';
export { notificationFromEvent, nodeStatusKey } from './notification-from-event.js';
export { pingNotification } from './ping-notification.js';
export { parseTypesFilter, typesFilterKey, type TypesFilterResult } from './types-filter.js';
