/**
 * The editor's "what would Apply change": for each object of a file, the live object (as
 * `kubectl get -o yaml` prints it) and the object the API server would store. Apply is
 * `kubectl apply -f FILE` in the learner's kubectl, so the preview is that same command with
 * `--dry-run=server -o yaml`: the same requests (the GET, then the create or the three-way patch,
 * `fieldManager=kubectl-client-side-apply`, `fieldValidation=Strict`, the last-applied annotation),
 * only with `dryRun=All` — so a file Apply would refuse is refused here in the very words Apply prints.
 */
import type { Cluster } from '../engine/cluster.ts';
import { KubectlSession, type Kubeconfig, type KubectlResult } from '../engine/kubectl/session.ts';
import { parseManifests } from '../engine/yaml/index.ts';
import type { ApplyPreview, ObjectPreview } from './protocol.ts';

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The YAML printer's documents: kubectl separates the second and later objects with `---`. */
function documents(stdout: string): string[] {
  return stdout ? stdout.split(/^---\n/m).filter((d) => d.trim() !== '') : [];
}

/** The first line of each error kubectl's apply prints (`cmdutil.CheckErr` and the aggregate it prints). */
const errorStart = /^(error: |Error from server|The \S+ ".*" is invalid)/;

/**
 * kubectl's error output as separate errors. A line that does not start an error belongs to the one
 * before it: the `* field: message` lines of an Invalid error, the "ensure CRDs are installed first"
 * hint of an unknown kind. Warnings are not errors (Apply goes on with them).
 */
function errorsOf(stderr: string): string[] {
  const errors: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line === '' || line.startsWith('Warning: ')) continue;
    if (errorStart.test(line) || !errors.length) errors.push(line);
    else errors[errors.length - 1] += `\n${line}`;
  }
  return errors;
}

/** One printed object of the dry run, titled as kubectl names it, with the live object beside it. */
function objectPreview(cluster: Pick<Cluster, 'api'>, session: KubectlSession, proposed: string): ObjectPreview | undefined {
  const object = parseManifests(proposed).kubectlObjects[0];
  const metadata = record(object?.metadata);
  const info = object && cluster.api.context.registry.byKind(stringOf(object.apiVersion), stringOf(object.kind));
  if (!info || !metadata) return undefined;
  const name = stringOf(metadata.name);
  const title = `${info.group ? `${info.resource}.${info.group}` : info.resource}/${name}`;
  const type = info.group ? `${info.resource}.${info.version}.${info.group}` : info.resource;
  const namespace = info.namespaced ? ['-n', stringOf(metadata.namespace)] : [];
  const live: KubectlResult = session.kubectl(['get', type, name, ...namespace, '-o', 'yaml']);
  return { title, live: live.exitCode === 0 ? live.stdout : '', proposed };
}

/**
 * Preview `kubectl apply -f fileName` of `text` without changing the cluster: the learner's
 * kubeconfig (its context's namespace and user) is the one Apply runs with.
 */
export function previewApply(cluster: Pick<Cluster, 'handle' | 'api'>, fileName: string, text: string, kubeconfig?: Kubeconfig): ApplyPreview {
  const session = new KubectlSession({ handle: (request) => cluster.handle(request) });
  if (kubeconfig) session.kubeconfig = structuredClone(kubeconfig);
  const applied = session.kubectl(['apply', '-f', fileName, '--dry-run=server', '-o', 'yaml'], { files: { [fileName]: text } });
  const objects = documents(applied.stdout)
    .map((proposed) => objectPreview(cluster, session, proposed))
    .filter((o): o is ObjectPreview => o !== undefined);
  return { objects, errors: errorsOf(applied.stderr) };
}
