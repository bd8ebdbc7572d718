/**
 * Which manager name a write is recorded under. Clients choose it with `?fieldManager=`; when a
 * request has none, the API server takes the User-Agent up to its first `/`
 * (endpoints/handlers `managerOrUserAgent`): `kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd`
 * becomes `kubectl`, which is why `kubectl scale` shows up as manager `kubectl`.
 */

/** apimachinery's limit on a fieldManager's length (`FieldManagerMaxLength`). */
export const fieldManagerMaxLength = 128;

/** Whether a character is printable in Go's sense (`unicode.IsPrint`): no controls, no format or odd spaces. */
function isPrint(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/** The User-Agent's product name: up to the first `/`, printable characters only, at most 128 bytes. */
export function prefixFromUserAgent(userAgent: string): string {
  // Every write asks, and a cluster's components send a handful of agents: remember the answers.
  let known = prefixes.get(userAgent);
  if (known === undefined) {
    known = computePrefix(userAgent);
    if (prefixes.size >= 256) prefixes.clear();
    prefixes.set(userAgent, known);
  }
  return known;
}

const prefixes = new Map<string, string>();
const encoder = new TextEncoder();

function computePrefix(userAgent: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of userAgent.split('/')[0]) {
    if (!isPrint(ch)) continue;
    const size = encoder.encode(ch).length;
    if (bytes + size > fieldManagerMaxLength) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/** The manager of a write: the `fieldManager` parameter if given, else the User-Agent prefix. */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  return fieldManager ? fieldManager : prefixFromUserAgent(userAgent ?? '');
}

/**
 * The `fieldManager` each kubectl 1.32 command sends by default (its `--field-manager` flag).
 * Commands not listed send none, so the server records them as `kubectl`: `scale`, `cordon`,
 * `uncordon`, `drain`. Apply's own managers: `kubectl-client-side-apply` (client-side),
 * `kubectl` (`--server-side`), `kubectl-last-applied` (keeps the annotation owned).
 */
export const kubectlFieldManagers: Readonly<Record<string, string>> = {
  apply: 'kubectl-client-side-apply',
  'apply --server-side': 'kubectl',
  annotate: 'kubectl-annotate',
  autoscale: 'kubectl-autoscale',
  create: 'kubectl-create',
  edit: 'kubectl-edit',
  expose: 'kubectl-expose',
  label: 'kubectl-label',
  patch: 'kubectl-patch',
  replace: 'kubectl-replace',
  rollout: 'kubectl-rollout',
  run: 'kubectl-run',
  set: 'kubectl-set',
  taint: 'kubectl-taint',
};

/** What the cluster's own components send as User-Agent prefix, hence their manager names. */
export const componentManagers = {
  controllerManager: 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  kubelet: 'kubelet',
} as const;
