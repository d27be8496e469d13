#!/usr/bin/env node
// Index scale: build time, size on disk and p50/p99 query latency at 1k, 10k and 100k chunks.
// HNSW is measured on synthetic unit vectors at bge-small's width (384), drawn around 512 topic
// centroids because document embeddings cluster by topic (uniform random vectors have no
// neighbourhood structure and make any ANN index look worse than on real text); embedding is measured
// apart, on synthetic chunk text, because it dominates build time and depends on the embedder.
// Each size runs in its own process so peak memory (max RSS) belongs to that size alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const DIMENSIONS = 384;
const QUERIES = 2000;

/** Deterministic PRNG so runs are comparable. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function normalize(vector) {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  for (let i = 0; i < vector.length; i += 1) vector[i] /= norm;
  return vector;
}

function randomDirection(next) {
  // Sum of uniforms approximates a Gaussian: directions spread evenly on the sphere.
  return normalize(Float32Array.from({ length: DIMENSIONS }, () => next() + next() + next() - 1.5));
}

/** A point near a random topic centroid: cosine to its centroid around 0.6-0.7, like passages on one topic. */
function clusteredVector(next, centroids) {
  const centroid = centroids[Math.floor(next() * centroids.length)];
  const noise = randomDirection(next);
  return normalize(centroid.map((value, i) => value + 1.1 * noise[i]));
}

const WORDS = 'pod container memory limit probe liveness readiness image pull registry secret configmap volume claim node taint toleration quota scheduler kubelet restart exit code crash backoff deployment rollout eviction pressure network sandbox dns service endpoint'.split(' ');
function syntheticText(next) {
  return Array.from({ length: 120 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(count) {
  const { buildVectorIndex, readVectorIndex } = await dist('retrieve/vector-index.js');
  const { createLexicalEmbedder } = await dist('retrieve/lexical-embedder.js');
  const next = random(count);

  // Embedding: lexical embedder on up to 5k synthetic chunks, reported as throughput.
  const sample = Array.from({ length: Math.min(count, 5000) }, () => syntheticText(next));
  const embedStart = performance.now();
  await createLexicalEmbedder().embedDocuments(sample);
  const embedPerChunkMs = (performance.now() - embedStart) / sample.length;

  const centroids = Array.from({ length: 512 }, () => randomDirection(next));
  const vectors = Array.from({ length: count }, () => clusteredVector(next, centroids));
  const buildStart = performance.now();
  const index = await buildVectorIndex(vectors, DIMENSIONS);
  const buildMs = performance.now() - buildStart;
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-scale-'));
  const file = join(dir, 'vectors.hnsw');
  await index.write(file);
  const sizeBytes = statSync(file).size;
  const loadStart = performance.now();
  const loaded = await readVectorIndex(file, DIMENSIONS, count);
  const loadMs = performance.now() - loadStart;
  rmSync(dir, { recursive: true, force: true });

  const queries = Array.from({ length: QUERIES }, () => clusteredVector(next, centroids));
  for (const query of queries.slice(0, 100)) loaded.search(query, 10); // warm-up
  const latencies = queries.map((query) => {
    const t = performance.now();
    loaded.search(query, 10);
    return performance.now() - t;
  });
  latencies.sort((a, b) => a - b);

  // Recall of the approximate search against exact inner product, on 100 queries.
  let found = 0;
  for (const query of queries.slice(0, 100)) {
    const scores = new Float64Array(count);
    for (let id = 0; id < count; id += 1) {
      const v = vectors[id];
      let dot = 0;
      for (let i = 0; i < DIMENSIONS; i += 1) dot += v[i] * query[i];
      scores[id] = dot;
    }
    const exact = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]).slice(0, 10);
    const approx = new Set(loaded.search(query, 10).map((h) => h.id));
    found += exact.filter((id) => approx.has(id)).length;
  }
  return {
    chunks: count,
    buildMs,
    loadMs,
    sizeBytes,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    recallAt10: found / 1000,
    embedPerChunkMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (process.argv[2] === '--size') {
  process.stdout.write(JSON.stringify(await measure(Number(process.argv[3]))));
} else {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  if (sizes.length === 0) sizes.push(1000, 10000, 100000);
  console.log(`HNSW (hnswlib-node, ip space, ${DIMENSIONS} dims, M=16, efConstruction=200, ef=max(64, 2k), k=10), ${QUERIES} queries per size; embedding excluded from query latency\n`);
  console.log(['chunks'.padStart(7), 'build s'.padStart(8), 'load ms'.padStart(8), 'size MB'.padStart(8), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'recall@10'.padStart(9), 'embed ms/chunk'.padStart(14), 'embed s (est.)'.padStart(14), 'peak RSS MB'.padStart(11)].join('  '));
  for (const size of sizes) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--size', String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      console.log(`${size}: failed\n${child.stderr}`);
      continue;
    }
    const r = JSON.parse(child.stdout);
    console.log([
      String(r.chunks).padStart(7),
      (r.buildMs / 1000).toFixed(2).padStart(8),
      r.loadMs.toFixed(0).padStart(8),
      (r.sizeBytes / 1e6).toFixed(1).padStart(8),
      r.p50Ms.toFixed(3).padStart(7),
      r.p99Ms.toFixed(3).padStart(7),
      r.recallAt10.toFixed(3).padStart(9),
      r.embedPerChunkMs.toFixed(3).padStart(14),
      ((r.embedPerChunkMs * r.chunks) / 1000).toFixed(1).padStart(14),
      r.peakRssMb.toFixed(0).padStart(11),
    ].join('  '));
  }
  const [load1] = (await import('node:os')).loadavg();
  console.log(`\nmachine: ${(await import('node:os')).cpus().length} CPUs, load average ${load1.toFixed(1)} at the end (latency tails grow when other work shares the CPUs)`);
  console.log('embedding: the lexical embedder (hashed TF, 1024 dims) on 120-word synthetic chunks, up to 5k per size; a neural model is far slower per chunk and was not available to measure here.');
}
