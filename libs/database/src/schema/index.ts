import { IpBanEntity } from './ip-ban.entity.js';
import { NodeKeyEntity } from './node-key.entity.js';
import { PeerBanEntity } from './peer-ban.entity.js';
import { PeerScoreEntity } from './peer-score.entity.js';

export { IpBanEntity, NodeKeyEntity, PeerBanEntity, PeerScoreEntity };
export type { RecordedReason } from './peer-score.entity.js';

export const entities = [IpBanEntity, PeerBanEntity, PeerScoreEntity, NodeKeyEntity];
