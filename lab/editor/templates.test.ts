import { describe, expect, it } from 'vitest';
import { LabService } from '../../worker/lab-service.ts';
import { templates } from './templates.ts';

describe('templates', () => {
  const lab = new LabService();

  it('offer the common kinds, each in its own file', () => {
    expect(templates.map((t) => t.kind)).toEqual(['Deployment', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'PersistentVolumeClaim', 'Job', 'CronJob', 'StatefulSet', 'DaemonSet', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'Role', 'RoleBinding']);
    expect(new Set(templates.map((t) => t.fileName)).size).toBe(templates.length);
  });

  it.each(templates.map((t) => [t.kind, t] as const))('%s passes the API server\'s validation (dry run)', async (_kind, template) => {
    const answer = await lab.preview(template.fileName, template.text);
    expect(answer.ok && { errors: answer.value.errors, kinds: answer.value.objects.map((o) => /^kind: (\w+)$/m.exec(o.proposed)?.[1]) }).toEqual({ errors: [], kinds: [template.kind] });
  });
});
