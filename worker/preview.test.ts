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
    expect(answer.ok && answer.value.errors[0]).toBe('error: resource mapping not found for name: "w" namespace: "" from "x.yaml": no matches for kind "Widget" in version "example.com/v1"');
    expect(answer.ok && answer.value.errors.length).toBe(2);
  });
});
