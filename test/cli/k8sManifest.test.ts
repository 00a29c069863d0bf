/**
 * docs/k8s-sweep.yaml, checked and run without a cluster: the manifest is parsed (three objects:
 * a shared volume, an Indexed Job of N shards, a merge Job), and its own container scripts are
 * run with `sh -c` as Kubernetes would — each shard with JOB_COMPLETION_INDEX set, then the
 * merge — on the small sweep of .ci/slurm-sweep.json with /results in a temporary folder. The
 * merged result set must be byte-identical to an unsharded sweep of the same file.
 * Spawns the CLI: left out of `npm run test:unit`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-k8s-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Container { name: string; command: string[]; args: string[]; workingDir: string }
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    accessModes?: string[];
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template?: { spec: { containers: Container[]; volumes: { persistentVolumeClaim: { claimName: string } }[] } };
  };
}

const objects = parseAllDocuments(readFileSync('docs/k8s-sweep.yaml', 'utf8')).map((d) => d.toJS() as K8sObject);
const [volume, sweep, merge] = objects;
const script = (job: K8sObject): string => job.spec.template!.spec.containers[0].args[0];
/** The manifest's sweep file and results folder, swapped for the small sweep and a temporary folder. */
const local = (text: string): string =>
  text.replaceAll('scenarios/sweeps/token-share-by-sigma.json', '.ci/slurm-sweep.json').replaceAll('/results/', `${TMP}/results/`);

describe('docs/k8s-sweep.yaml', () => {
  it('is a shared volume, an Indexed Job whose shard count agrees everywhere, and a merge Job', () => {
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(['v1 PersistentVolumeClaim', 'batch/v1 Job', 'batch/v1 Job']);
    expect(volume.spec.accessModes).toEqual(['ReadWriteMany']);
    const n = sweep.spec.completions!;
    expect(sweep.spec.completionMode).toBe('Indexed');
    expect(sweep.spec.parallelism).toBe(n);
    expect(script(sweep)).toContain(`--shards ${n}`);
    expect(script(sweep)).toContain('shard-$JOB_COMPLETION_INDEX');
    expect(script(merge)).toContain(`-eq ${n} ]`);
    for (const job of [sweep, merge]) {
      expect(job.spec.template!.spec.containers[0].command).toEqual(['sh', '-c']);
      expect(job.spec.template!.spec.volumes[0].persistentVolumeClaim.claimName).toBe(volume.metadata.name);
    }
  });

  it('its shard and merge scripts, run as the pods would, give the unsharded sweep byte for byte', () => {
    const n = sweep.spec.completions!;
    const env = { ...process.env, PATH: process.env.PATH ?? '' };
    for (let i = 0; i < n; i++) {
      execFileSync('sh', ['-c', local(script(sweep))], { env: { ...env, JOB_COMPLETION_INDEX: String(i) }, stdio: 'pipe' });
    }
    execFileSync('sh', ['-c', local(script(merge))], { env, stdio: 'pipe' });
    const reference = path.join(TMP, 'reference');
    execFileSync('npx', ['tokensim', 'sweep', '.ci/slurm-sweep.json', '--out', reference], { env, stdio: 'pipe' });
    const merged = path.join(TMP, 'results', 'token-share-by-sigma', 'merged');
    const files = ['points.csv', 'runs.csv', 'series.csv', 'summary.csv', 'manifest.json'];
    const runs = readdirSync(path.join(reference, 'runs')).sort();
    expect(runs.length).toBe(12);
    expect(readdirSync(path.join(merged, 'runs')).sort()).toEqual(runs);
    for (const f of [...files, ...runs.map((r) => path.join('runs', r))]) {
      expect(readFileSync(path.join(merged, f)).equals(readFileSync(path.join(reference, f))), f).toBe(true);
    }
  }, 240_000);
});
