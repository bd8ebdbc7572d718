/**
 * One bad input a learner might type (a manifest and a kubectl command), what real kubectl 1.32
 * prints for it against a real v1.32 cluster, and the runner that checks `kubelab serve` gives
 * the same answer and keeps running afterwards.
 */
import { expect as globalExpect, type ExpectStatic } from 'vitest';
import type { KubectlResult, RealKubectl } from '../support/kubectl.ts';

/** A kubectl invocation with the files it reads. */
export interface KubectlStep {
  args: string | string[];
  files?: Record<string, string>;
  stdin?: string;
}

/** What kubectl prints; `stderr` is a RegExp only where real Kubernetes prints something unrepeatable (Go pointers). */
export interface Expected {
  stdout: string;
  stderr: string | RegExp;
  exitCode: number;
}

/** One catalogue entry of research/api-semantics.md §8. */
export interface BadInputCase extends KubectlStep {
  /** Catalogue number and a few words, e.g. `#1 tab indentation`. */
  name: string;
  /** Commands that must succeed first (the object a later update conflicts with, …). */
  setup?: KubectlStep[];
  expected: Expected;
  /** Reads afterwards whose stdout must match exactly: what was (or was not) stored. */
  then?: Array<KubectlStep & { stdout: string }>;
  /**
   * Why the simulator does not yet print exactly what real Kubernetes prints. Such a case runs as
   * an expected failure, so it starts failing (and must be promoted) the day the gap is closed.
   */
  knownGap?: string;
}

function show(args: string | string[]): string {
  return Array.isArray(args) ? args.join(' ') : args;
}

/**
 * Reset the cluster, run the case, compare with real kubectl's output, then prove the server still
 * answers. Concurrent tests pass their own `expect` (from the test context), so that soft failures
 * are counted against the right test.
 */
export async function checkBadInput(k: RealKubectl, c: BadInputCase, expect: ExpectStatic = globalExpect): Promise<void> {
  k.lab.control.reset({});
  for (const step of c.setup ?? []) {
    const done = await k.run(step.args, { files: step.files, stdin: step.stdin });
    expect(done.exitCode, `setup \`kubectl ${show(step.args)}\` must succeed; stderr: ${done.stderr}`).toBe(0);
  }
  const got: KubectlResult = await k.run(c.args, { files: c.files, stdin: c.stdin });
  const { stderr, ...rest } = c.expected;
  // Soft: a wrong message should not hide whether the object was stored or the server died.
  if (typeof stderr === 'string') expect.soft(got, `kubectl ${show(c.args)}`).toEqual(c.expected);
  else {
    expect.soft({ stdout: got.stdout, exitCode: got.exitCode }, `kubectl ${show(c.args)}`).toEqual(rest);
    expect.soft(got.stderr, `kubectl ${show(c.args)} (stderr)`).toMatch(stderr);
  }
  for (const step of c.then ?? []) {
    const read = await k.run(step.args, { files: step.files, stdin: step.stdin });
    expect.soft(read.stdout, `then \`kubectl ${show(step.args)}\` (stderr: ${read.stderr.trim()})`).toBe(step.stdout);
  }
  const alive = await k.run('get ns default -o name');
  expect(alive, 'the cluster keeps answering after the bad input').toEqual({ stdout: 'namespace/default\n', stderr: '', exitCode: 0 });
}

/** A Deployment as learners write it, with `spec` lines replaced or added by the caller. */
export function deployment(name: string, spec: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

/** The usual selector + template of a one-container nginx Deployment, indented under `spec:`. */
export const nginxSpec = `  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

/** The generic shape of kubectl's failure for a request body the API server could not decode. */
export function cannotBeHandled(verb: 'creating' | 'replacing', file: string, kind: string, detail: string): string {
  return `Error from server (BadRequest): error when ${verb} "${file}": ${kind} in version "v1" cannot be handled as a ${kind}: ${detail}\n`;
}
