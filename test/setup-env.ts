import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests (and the CLI processes they spawn) must never read or write the developer's real
// history database, index cache or kubeconfig, nor pick up their LLM keys.
const home = mkdtempSync(join(tmpdir(), 'k8sdiag-test-home-'));
process.env.K8SDIAG_HOME = home;
process.env.K8SDIAG_CACHE_DIR = join(home, 'cache');
process.env.KUBECONFIG = join(home, 'no-kubeconfig');
for (const key of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OLLAMA_HOST', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'K8SDIAG_LLM']) delete process.env[key];
