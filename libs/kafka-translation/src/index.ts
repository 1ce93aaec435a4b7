export { BadRecordError } from './bad-record-error.js';
export {
  translateP2PEvent,
  type AnnouncementRecord,
  type P2PEventTranslation,
} from './p2p-event-translation.js';
export {
  decodeInvalidBlock,
  decodeInvalidSubtree,
  decodeRejectedTx,
  type InvalidBlock,
  type InvalidSubtree,
  type RejectedTx,
} from './teranode-inputs.js';
