// Child process for the concurrent-writer test: writes N records into the given history file.
import { openHistoryStore } from '../../src/history/history-store.js';
import { recordInvestigation } from '../../src/history/record-investigation.js';
import { makeSnapshot } from './builders.js';
import { sampleDiagnosis } from './sample-diagnosis.js';

const [file, countText, tag] = process.argv.slice(2);
const store = openHistoryStore(file ?? '', { busyTimeoutMs: 30_000 });
const snapshot = makeSnapshot();
for (let i = 0; i < Number(countText); i += 1) {
  recordInvestigation(store, sampleDiagnosis({ summary: `${tag} #${i}` }), snapshot, { technique: 'rules', createdAt: new Date().toISOString() });
}
store.close();
