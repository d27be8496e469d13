import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { CRASH_LOG, shopCluster } from './cluster-objects.js';

/** The shop cluster on a fresh fake API server, with the crash-looping pod's previous log. */
export async function startShopServer(cluster: ReturnType<typeof shopCluster>): Promise<FakeApiServer> {
  const server = await new FakeApiServer().add(...cluster.objects).start();
  server.setLog('shop', cluster.crashing, 'app', true, CRASH_LOG);
  return server;
}
