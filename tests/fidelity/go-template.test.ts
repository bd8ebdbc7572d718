/**
 * Real kubectl 1.32 `-o go-template` and `apply --prune` against the emulator on twin labs: the same
 * commands on both, stdout, stderr and exit codes must match byte for byte (errors included, with their
 * debugging dump). Prune runs with an explicit allowlist: the default one logs a klog line with a time and pid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, type RealKubectl } from '../support/kubectl.ts';
import { compareScenario, startTwinLabs, type Scenario } from './twin-labs.ts';

const manifests = `apiVersion: v1
kind: ConfigMap
metadata: {name: alpha, labels: {app: web, tier: fe}}
data: {mode: prod, level: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: beta, labels: {app: db}}
data: {mode: dev}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: https, port: 443, targetPort: 8443}]}
`;

const scenarios: Scenario[] = [{
  name: 'get -o go-template',
  files: { 'all.yaml': manifests, 'names.tmpl': '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}' },
  steps: [
    'create -f all.yaml',
    'get cm alpha beta -o go-template={{range .items}}{{.metadata.name}}{{"\\t"}}{{.data.mode}}{{"\\n"}}{{end}}',
    "get cm -l app '-o=go-template={{len .items}} {{.kind}} {{.apiVersion}}'",
    "get cm alpha '-o=go-template={{index .metadata.labels \"app\"}} {{.metadata.labels}} {{.data}} {{.nothing}}'",
    "get cm -l app '-o=go-template={{range $i, $e := .items}}{{$i}}:{{$e.metadata.name}} {{end}}'",
    'get cm alpha -o template --template={{with .data}}{{.level}}{{end}}',
    'get cm alpha --template={{if eq .data.mode "prod"}}P{{else}}D{{end}}',
    "get svc web '-o=go-template={{range .spec.ports}}{{printf \"%s=%v \" .name .port}}{{end}}{{len .spec.ports}}'",
    "get svc web '-o=go-template={{- range .spec.ports -}} {{if gt .port 100}}{{.name}};{{end}} {{- end}}'",
    'get cm -l app -o go-template-file=names.tmpl',
    'get cm alpha -o go-template={{.metadata.name',
    "get cm alpha '-o=go-template={{nosuch .x}}'",
    'get cm alpha -o go-template',
    "get svc web '-o=go-template={{eq .spec.ports 1}}'",
    "get svc web '-o=go-template={{range .spec.ports}}{{lt .port 100.0}}{{end}}'",
    'get cm alpha --allow-missing-template-keys=false -o go-template={{.nothing}}',
    "get cm -l app '-o=go-template={{range .items}}{{.metadata.name}} {{len .metadata.managedFields}} {{.missing.deeper}} {{end}}'",
    "get cm alpha '-o=go-template=a{{\"\\n\"}}{{.metadata.name.x}}'",
    'get cm alpha -o jsonpath={.metadata.managedFields[0].manager}',
    "apply -f all.yaml '-o=go-template={{.metadata.name}}:{{len .metadata.managedFields}};'",
  ],
  objects: [],
}, {
  name: 'apply --prune',
  files: {
    'v1/all.yaml': manifests.replace('name: beta, labels: {app: db}', 'name: beta, labels: {app: web}'),
    'v2/all.yaml': manifests.split('---\n')[0],
  },
  steps: [
    'apply -f v1/',
    'apply --prune -f v2/',
    'apply --prune -l app=web --all -f v2/',
    'apply --prune -l app=web -f v2/ --prune-allowlist=core/v1/Foo',
    'apply --prune -l app=web -f v2/ --prune-allowlist=core/v1/ConfigMap --dry-run=client',
    'apply --prune -l app=web -f v2/ --prune-allowlist=core/v1/ConfigMap --prune-allowlist=core/v1/Service -o name',
    'get cm,svc -o name',
  ],
  objects: ['cm alpha'],
}];

describe.skipIf(!kubectlPath)('real kubectl: -o go-template', () => {
  let labs: { real: RealKubectl; twin: RealKubectl };
  beforeAll(async () => {
    labs = await startTwinLabs();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([labs.real.stop(), labs.twin.stop()]);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    expect(await compareScenario(labs.real, labs.twin, scenario)).toEqual([]);
  }, 60_000);
});

it.runIf(!kubectlPath)('skips: no real kubectl', () => {
  expect(noKubectlMessage).toContain('kubectl');
});
