import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';
import { goJsonIndent, jsonToYaml } from './apply-view-last-applied.ts';

const files = {
  'alpha.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alpha\n  labels:\n    app: demo\ndata:\n  a: "1"\n',
  'gamma.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gamma\ndata:\n  c: "1"\n',
  'empty.yaml': '',
};

/** An isolated cluster where `alpha` was applied (it has the annotation) and `gamma` created (it has none). */
function lab(): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 7, addons: false }));
  for (const line of ['kubectl apply -f alpha.yaml', 'kubectl create -f gamma.yaml']) expect(session.run(line, { files }).exitCode).toBe(0);
  return session;
}

/** What `kubectl apply view-last-applied` prints for alpha (kubectl 1.32). */
const alphaYaml = 'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  labels:\n    app: demo\n  name: alpha\n  namespace: default\n';
const alphaJson = '{\n  "apiVersion": "v1",\n  "data": {\n    "a": "1"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n'
  + '    "labels": {\n      "app": "demo"\n    },\n    "name": "alpha",\n    "namespace": "default"\n  }\n}\n';
const usage = 'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n'
  + "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

describe('goJsonIndent (json.Indent with two spaces)', () => {
  it.each([
    ['{"a":1}\n', '{\n  "a": 1\n}\n'],
    ['{"a":{},"b":[],"c":[1, 2.50]}', '{\n  "a": {},\n  "b": [],\n  "c": [\n    1,\n    2.50\n  ]\n}'],
    ['  {"k":"a \\"{,}\\" b"}  \n', '{\n  "k": "a \\"{,}\\" b"\n}  \n'],
    ['[{"x":null},true]', '[\n  {\n    "x": null\n  },\n  true\n]'],
  ])('%j', (source, expected) => {
    expect(goJsonIndent(source)).toBe(expected);
  });

  it('turns the annotation into YAML with sorted keys', () => {
    expect(jsonToYaml('{"kind":"ConfigMap","data":{"b":"2","a":"1"},"apiVersion":"v1"}\n')).toBe('apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\n');
  });
});

describe('kubectl apply view-last-applied', () => {
  it.each([
    ['apply view-last-applied configmap alpha', { stdout: alphaYaml, stderr: '', exitCode: 0 }],
    ['apply view-last-applied cm/alpha -o json', { stdout: alphaJson, stderr: '', exitCode: 0 }],
    ['apply view-last-applied -f alpha.yaml -f alpha.yaml', { stdout: alphaYaml + alphaYaml, stderr: '', exitCode: 0 }],
    ['apply view-last-applied cm --all', { stdout: alphaYaml, stderr: '', exitCode: 0 }],
    ['apply view-last-applied cm -l app=demo -o json', { stdout: alphaJson, stderr: '', exitCode: 0 }],
    // Named without a file, an object without the annotation is passed over in silence.
    ['apply view-last-applied cm gamma alpha', { stdout: alphaYaml, stderr: '', exitCode: 0 }],
    ['apply view-last-applied -f gamma.yaml', {
      stdout: '', stderr: 'error: error when no last-applied-configuration annotation found on resource: gamma\n "gamma.yaml": <nil>\n', exitCode: 1,
    }],
    ['apply view-last-applied cm alpha -o name', {
      stdout: '', stderr: "error: Unexpected -o output mode: name, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n", exitCode: 1,
    }],
    ['apply view-last-applied cm gamma -o name', { stdout: '', stderr: '', exitCode: 0 }],
    ['apply view-last-applied cm alpha nothere', { stdout: '', stderr: 'Error from server (NotFound): configmaps "nothere" not found\n', exitCode: 1 }],
    ['apply view-last-applied', { stdout: '', stderr: `error: ${usage}\n`, exitCode: 1 }],
    ['apply view-last-applied cm', { stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', exitCode: 1 }],
    ['apply view-last-applied -f empty.yaml', { stdout: '', stderr: '', exitCode: 0 }],
  ])('kubectl %s', (line, expected) => {
    expect(lab().run(`kubectl ${line}`, { files })).toEqual(expected);
  });
});
