import { Option, type Command } from 'commander';
import { EMBEDDER_CHOICES, RERANKER_CHOICES } from '../config/retrieval-config.js';
import { TECHNIQUES } from '../retrieve/search-index.js';
import { addGlobalFlags, LOCAL_ONLY } from './global-flags.js';
import { runCommand } from './run-command.js';

function addRetrievalFlags(command: Command): Command {
  return command
    .option('--docs <dir>', 'markdown tree to index (default: the bundled docs-corpus/)')
    .option('--index <dir>', 'index directory (default: under $K8SDIAG_CACHE_DIR or ~/.cache/k8sdiag)')
    .option('--cache-dir <dir>', 'cache directory for indexes and models (also K8SDIAG_CACHE_DIR)')
    .option('--model-dir <dir>', 'offline model directory, nothing is downloaded (also K8SDIAG_MODEL_DIR)')
    .option('--model <id>', 'embedding model id (default Xenova/bge-small-en-v1.5)')
    .addOption(new Option('--embedder <name>', 'auto: model if available, else lexical; transformers/bge: model or fail').choices([...EMBEDDER_CHOICES, 'bge']))
    .option('--offline', 'never contact the model hub (also K8SDIAG_OFFLINE=1)');
}

const chunkFlags = (command: Command): Command =>
  command
    .option('--chunk-tokens <n>', 'chunk budget in estimated tokens', (value) => Number(value))
    .option('--chunk-overlap <n>', 'tokens repeated between neighbouring chunks', (value) => Number(value));

/** `index build|query|stats` and `models pull`. */
export function registerIndexCommands(program: Command): void {
  const index = program.command('index').description('build, query and inspect the local documentation index');
  addGlobalFlags(chunkFlags(addRetrievalFlags(index.command('build').description('chunk, embed and index a markdown tree (reused when unchanged)'))), LOCAL_ONLY)
    .option('--force', 'rebuild even when the index is current')
    .action(async (flags) => runCommand(() => import('./commands/index-build.js'), flags, flags));

  addGlobalFlags(addRetrievalFlags(index.command('query').description('search the index with a question').argument('<question>')), { withCluster: false, withFailOn: false, withColor: false })
    .addOption(new Option('--technique <name>', 'retrieval technique').choices(TECHNIQUES).default('hybrid'))
    .option('-k <n>', 'number of results', '5')
    .option('--category <category>', 'only documents tagged with this root-cause category')
    .option('--source <prefix>', 'only documents whose path starts with this prefix')
    .addOption(new Option('--reranker <name>', 'reranker for --technique rerank').choices(RERANKER_CHOICES))
    .action(async (question: string, flags) => runCommand(() => import('./commands/index-query.js'), { ...flags, question }, flags));

  addGlobalFlags(addRetrievalFlags(index.command('stats').description('show what the index holds and which embedder built it')), LOCAL_ONLY)
    .action(async (flags) => runCommand(() => import('./commands/index-stats.js'), flags, flags));

  const models = program.command('models').description('manage local embedding and reranker models');
  addGlobalFlags(models.command('pull').description('download models once for offline use'), LOCAL_ONLY)
    .option('--model <id>', 'embedding model id (default Xenova/bge-small-en-v1.5)')
    .option('--model-dir <dir>', 'write the model under <dir>/<model id>/ instead of the cache')
    .option('--cache-dir <dir>', 'cache directory (also K8SDIAG_CACHE_DIR)')
    .option('--with-reranker', 'also pull the cross-encoder reranker (about 1 GB)')
    .option('--reranker-model <id>', 'reranker model id (default Xenova/bge-reranker-base)')
    .action(async (flags) => runCommand(() => import('./commands/models-pull.js'), flags, flags));
}
