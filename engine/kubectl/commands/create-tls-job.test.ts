/**
 * `create secret tls`, `create job --from=cronjob/…`, `--append-hash` and `--save-config` through the
 * emulator. Expected outputs are kubectl 1.32's: the fidelity scenario 09-create-more runs the same
 * lines against the real binary and found them identical.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../index.ts';

const files = Object.fromEntries(['tls.crt', 'tls.key', 'other.key'].map((name) => [name, readFileSync(new URL(`./testdata/tls/${name}`, import.meta.url), 'utf8')]));

// In order: the later lines need the CronJob and Deployment the earlier ones create.
const cases: [string, { stdout: string; stderr: string; exitCode: number }][] = [
  ["create secret tls x --cert=tls.crt --key=tls.key --append-hash --dry-run=client -o name",{"stdout":"secret/x-fdbmd2d94c\n","stderr":"","exitCode":0}],
  ["create secret tls t --cert=tls.crt --key=other.key",{"stdout":"","stderr":"error: tls: private key does not match public key\n","exitCode":1}],
  ["create secret tls t --cert=missing.crt --key=tls.key",{"stdout":"","stderr":"error: Cannot read file missing.crt, open missing.crt: no such file or directory\n","exitCode":1}],
  ["create cronjob hello --image=busybox:1.36 --schedule=@hourly",{"stdout":"cronjob.batch/hello created\n","stderr":"","exitCode":0}],
  ["create deployment web --image=nginx:1.27",{"stdout":"deployment.apps/web created\n","stderr":"","exitCode":0}],
  ["create job manual --from=cronjob/hello -o jsonpath={.metadata.annotations}{.metadata.ownerReferences[0].kind}",{"stdout":"{\"cronjob.kubernetes.io/instantiate\":\"manual\"}CronJob","stderr":"","exitCode":0}],
  ["create job nope --from=cronjob/missing",{"stdout":"","stderr":"Error from server (NotFound): cronjobs.batch \"missing\" not found\n","exitCode":1}],
  ["create job nope --from=deployment/web",{"stdout":"","stderr":"error: unknown object type *v1.Deployment\n","exitCode":1}],
  ["create job nope --from=gadget/x",{"stdout":"","stderr":"error: the server doesn't have a resource type \"gadget\"\n","exitCode":1}],
  ["create job nope --from=cronjob",{"stdout":"","stderr":"error: resource(s) were provided, but no name was specified\n","exitCode":1}],
  ["create job nope --from=cronjob/hello -- echo hi",{"stdout":"","stderr":"error: cannot specify --from and command\n","exitCode":1}],
  ["create namespace savedns --save-config --dry-run=client -o jsonpath={.metadata.annotations}",{"stdout":"{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"kind\\\":\\\"Namespace\\\",\\\"apiVersion\\\":\\\"v1\\\",\\\"metadata\\\":{\\\"name\\\":\\\"savedns\\\",\\\"creationTimestamp\\\":null},\\\"spec\\\":{},\\\"status\\\":{}}\\n\"}","stderr":"","exitCode":0}],
  ["run saved --image=nginx:1.27 --save-config --dry-run=client -o jsonpath={.metadata.annotations}",{"stdout":"","stderr":"","exitCode":0}],
];

describe('create secret tls, create job --from, --append-hash, --save-config', () => {
  const cluster = new Cluster({ seed: 1, addons: false });
  it.each(cases)('kubectl %s', (line, expected) => {
    expect(runKubectl(cluster, `kubectl ${line}`, { files })).toEqual(expected);
  });
});
