import { afterEach, beforeEach, expect, it } from 'vitest';
import { run as runPod } from '../../src/cli/commands/pod.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { shopCluster } from './cluster-objects.js';
import { startShopServer } from './shop-server.js';

let server: FakeApiServer;
const cluster = shopCluster();
beforeEach(async () => {
  server = await startShopServer(cluster);
});
afterEach(async () => server.stop());

it('shows progress on a terminal stderr and clears it before the diagnosis', async () => {
  const io = { ...captureIo(), stderrIsTty: true };
  let err = '';
  io.err = (text: string) => { err += text; };
  await runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ kubeconfig: server.kubeconfigPath }), io);
  expect(err).toContain('connecting to http://127.0.0.1:');
  expect(err).toContain(`reading logs ${cluster.crashing}/app (previous)`);
  expect(err.endsWith('\r\x1b[K')).toBe(true);
  expect(io.stdout()).not.toContain('\r');
});

it('stays silent on a non-terminal stderr', async () => {
  const io = captureIo();
  await runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ kubeconfig: server.kubeconfigPath }), io);
  expect(io.stderr()).toBe('');
});
