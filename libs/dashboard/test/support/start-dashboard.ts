import { loadSettings } from '@teranode-p2p/config';
import { startService, type RunningService } from '@teranode-p2p/service-runtime';
import { freePort } from '@teranode-p2p/testing';
import { DashboardModule } from '../../src/index.js';

/** The dashboard module alone on Nest's real HTTP stack; ban-service is a port nothing serves. */
export async function startDashboard(env: {
  p2p_grpc_address: string;
  grpc_admin_api_key: string;
  log_level: string;
}): Promise<RunningService> {
  const settings = loadSettings({
    env: { ban_service_grpc_address: `127.0.0.1:${await freePort()}`, ...env },
  });
  return startService(
    {
      name: 'dashboard-test',
      module: () => ({ module: class DashboardTestRoot {}, imports: [DashboardModule] }),
      http: () => ({ host: '127.0.0.1', port: 0 }),
    },
    settings,
  );
}
