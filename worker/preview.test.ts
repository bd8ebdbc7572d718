import { describe, expect, it } from 'vitest';
import { LabService } from './lab-service.ts';

const deployment = (replicas: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;

describe('preview', () => {
  it('shows the live and the dry-run object and leaves the cluster as it was', async () => {
    const lab = new LabService();
    const first = await lab.preview('app.yaml', deployment(3));
    expect(first.ok && first.value.objects.map((o) => ({ title: o.title, live: o.live, replicas: /replicas: (\d)/.exec(o.proposed)?.[1] }))).toEqual([{ title: 'deployments.apps/web', live: '', replicas: '3' }]);
    expect(await lab.kubectl('kubectl get deployments')).toEqual({ ok: true, value: { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 } });

    await lab.kubectl('kubectl apply -f app.yaml', { 'app.yaml': deployment(3) });
    const second = await lab.preview('app.yaml', deployment(4));
    const object = second.ok ? second.value.objects[0] : undefined;
    expect(object?.live).toContain('  replicas: 3\n');
    expect(object?.proposed).toContain('  replicas: 4\n');
    expect(object?.proposed).not.toContain('managedFields');
    const replicas = await lab.kubectl('kubectl get deployment web -o jsonpath={.spec.replicas}');
    expect(replicas.ok && replicas.value.stdout).toBe('3');
  });

  it('words documents it cannot apply as kubectl does', async () => {
    const lab = new LabService();
    const answer = await lab.preview('x.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  n: 1\n');
    expect(answer.ok && answer.value.errors).toEqual([
      'error: resource mapping not found for name: "w" namespace: "" from "x.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first',
      'Error from server (BadRequest): error when creating "x.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    ]);
  });

  // The preview is Apply with --dry-run=server: the same requests (fieldValidation=Strict, the
  // last-applied annotation), so what Apply would refuse is refused in the words Apply prints.
  it.each([
    {
      name: 'fields outdented out of spec',
      file: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\nreplicas: 3\nselector:\n  matchLabels:\n    app: web\n',
      errors: ['Error from server (BadRequest): error when creating "app.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "replicas", unknown field "selector"'],
    },
    {
      name: 'a template without containers',
      file: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n',
      errors: ['The Deployment "web" is invalid: spec.template.spec.containers: Required value'],
    },
    {
      name: 'two invalid fields',
      file: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Web\nspec:\n  ports:\n  - port: 0\n',
      errors: ['The Service "Web" is invalid: \n* metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')\n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'],
    },
  ])('refuses $name as Apply does', async ({ file, errors }) => {
    const lab = new LabService();
    const preview = await lab.preview('app.yaml', file);
    const applied = await lab.kubectl('kubectl apply -f app.yaml', { 'app.yaml': file });
    expect(preview).toEqual({ ok: true, value: { objects: [], errors } });
    expect(applied.ok && applied.value.stderr).toBe(`${errors.join('\n')}\n`);
  });

  it("previews in the learner's current namespace, with the annotation Apply would write", async () => {
    const lab = new LabService();
    await lab.kubectl('kubectl config set-context --current --namespace=kube-system');
    const answer = await lab.preview('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n');
    const object = answer.ok ? answer.value.objects[0] : undefined;
    expect({ title: object?.title, live: object?.live, namespace: /namespace: (.*)/.exec(object?.proposed ?? '')?.[1] }).toEqual({ title: 'configmaps/c', live: '', namespace: 'kube-system' });
    expect(object?.proposed).toContain('kubectl.kubernetes.io/last-applied-configuration: |\n');
  });
});
