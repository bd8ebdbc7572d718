/**
 * What `kubectl exec POD -- ARGV` runs inside a simulated container. containerd asks runc to
 * start ARGV[0] in the container: if the image has no such file, runc fails before anything
 * runs (`executable file not found in $PATH`); otherwise the program runs in the image's shell
 * (shell.ts), which knows the common commands. Images differ in what they ship: busybox and
 * alpine have `sh` but no `bash`, Debian-based images (nginx, httpd, redis) have both, and the
 * distroless Kubernetes components have no shell at all.
 */
import type { BehaviourName } from '../kubelet/images/catalogue.ts';

/** The image families whose contents differ for exec. */
export type ImageFamily = 'busybox' | 'alpine' | 'debian' | 'distroless';

/** Programs each family has, besides the coreutils every shell image has (see `common`). */
const familyPrograms: Record<ImageFamily, string[]> = {
  busybox: ['sh', 'ash', 'wget'],
  alpine: ['sh', 'ash', 'wget'],
  debian: ['sh', 'bash', 'dash', 'curl'],
  distroless: [],
};

/** Commands of the simulated shell that exist as programs in every image with a shell. */
const common = ['echo', 'printf', 'sleep', 'date', 'env', 'printenv', 'hostname', 'cat', 'touch', 'rm', 'mkdir', 'ls', 'cp', 'mv', 'wc', 'true', 'false', 'test', '['];

/** Shells: `sh -c SCRIPT`, or a script read from stdin. */
export const shellPrograms = new Set(['sh', 'ash', 'bash', 'dash']);

/** The family of an image, from its behaviour and repository (`docker.io/library/nginx:alpine` is alpine). */
export function imageFamily(behaviour: BehaviourName | undefined, image: string | undefined): ImageFamily {
  const reference = image ?? '';
  if (/(^|\/)busybox(:|@|$)/.test(reference)) return 'busybox';
  if (/(^|\/)alpine(:|@|$)/.test(reference) || /:[^/]*alpine/.test(reference)) return 'alpine';
  switch (behaviour) {
    case 'shell': return 'busybox';
    case 'pause':
    case 'system':
      return 'distroless';
    case 'hello':
    case 'hello-broken':
      return 'alpine';
    default:
      return 'debian';
  }
}

/** Whether an image of this family has the program `name` (a bare name or a path's last part). */
export function hasProgram(family: ImageFamily, name: string): boolean {
  if (family === 'distroless') return false;
  return familyPrograms[family].includes(name) || common.includes(name);
}

/**
 * runc's message when ARGV[0] cannot be started: a bare name is searched in $PATH, a path is
 * stat'ed. containerd wraps it; the kubelet reports it as an internal error.
 */
export function ociExecError(program: string, execId: string): string {
  const why = program.includes('/') ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH';
  return `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown`;
}

/** The last part of a path: `/bin/sh` → `sh`. */
export function programName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** What the kubelet writes into every container: /etc/hosts, /etc/hostname, /etc/resolv.conf. */
export function managedFiles(hostname: string, namespace: string, podIP: string | undefined, hostNetwork: boolean): Map<string, string> {
  const files = new Map<string, string>();
  files.set('/etc/hostname', `${hostname}\n`);
  if (!hostNetwork) {
    files.set('/etc/hosts', [
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet',
      'fe00::0\tip6-mcastprefix',
      'fe00::1\tip6-allnodes',
      'fe00::2\tip6-allrouters',
      ...(podIP ? [`${podIP}\t${hostname}`] : []),
    ].join('\n') + '\n');
    files.set('/etc/resolv.conf', `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  }
  return files;
}

/**
 * A container's files as exec sees them: its own (what its processes wrote, shared with them)
 * over the files the kubelet manages. Writes go to the container's own map.
 */
export class ContainerFiles extends Map<string, string> {
  constructor(private readonly own: Map<string, string>, private readonly managed: Map<string, string>) {
    super();
  }

  override get(path: string): string | undefined {
    return this.own.get(path) ?? this.managed.get(path);
  }

  override has(path: string): boolean {
    return this.own.has(path) || this.managed.has(path);
  }

  override set(path: string, value: string): this {
    this.own.set(path, value);
    return this;
  }

  override delete(path: string): boolean {
    return this.own.delete(path);
  }
}
