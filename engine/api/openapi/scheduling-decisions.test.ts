import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, startRealKubectl, type RealKubectl } from '../../../tests/support/kubectl.ts';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { decisionObject, podSchedulingDecisionsInfo } from '../../scheduler/decisions-api.ts';
import type { SchedulingDecision } from '../../scheduler/decisions.ts';
import { loadOpenapiDocuments, openapiDocument, openapiIndex } from './openapi.ts';
import { schedulingDecisionsPath, schedulingDecisionsResource } from './scheduling-decisions.ts';

const schema = 'dev.kubelab.scheduling.v1alpha1.PodSchedulingDecision';

describe('OpenAPI for scheduling.kubelab.dev', () => {
  beforeAll(loadOpenapiDocuments);

  it('describes the resource decisions-api.ts serves', () => {
    expect(schedulingDecisionsResource).toEqual(podSchedulingDecisionsInfo);
  });

  it('is in the /openapi/v3 index with a hash of its document, and serves get and list only', () => {
    const url = openapiIndex().paths['apis/scheduling.kubelab.dev/v1alpha1']?.serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/scheduling\.kubelab\.dev\/v1alpha1\?hash=[0-9A-F]{32}$/);
    const document = openapiDocument(schedulingDecisionsPath)!;
    expect(Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path, Object.keys(item)]))).toEqual({
      '/apis/scheduling.kubelab.dev/v1alpha1/': ['get'],
      '/apis/scheduling.kubelab.dev/v1alpha1/namespaces/{namespace}/podschedulingdecisions': ['get', 'parameters'],
      '/apis/scheduling.kubelab.dev/v1alpha1/namespaces/{namespace}/podschedulingdecisions/{name}': ['get', 'parameters'],
      '/apis/scheduling.kubelab.dev/v1alpha1/podschedulingdecisions': ['get', 'parameters'],
    });
    expect(document.components.schemas[schema]?.['x-kubernetes-group-version-kind']).toEqual([{ group: 'scheduling.kubelab.dev', kind: 'PodSchedulingDecision', version: 'v1alpha1' }]);
    expect(document.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
  });

  it('has a property for every field a decision object carries', () => {
    const decision: SchedulingDecision = {
      pod: { namespace: 'default', name: 'web', uid: 'u' }, attempt: 2, time: 0, result: 'Unschedulable', message: 'm',
      numAllNodes: 1, evaluatedNodes: 1, startIndex: 0, filterPlugins: ['TaintToleration'], rejectedNodes: ['n'],
      rejectedStatuses: [{ code: 'UnschedulableAndUnresolvable', reasons: ['r'], plugin: 'TaintToleration' }], feasible: [],
      scorePlugins: [], scores: [], totals: undefined, preFilter: { plugin: 'VolumeBinding', reasons: ['x'] },
      preemption: { message: 'p', nominatedNode: 'n', victims: ['default/low'] }, selectedNode: 'n',
    } as SchedulingDecision;
    const object = decisionObject(decision);
    const properties = document().components.schemas[schema]?.properties as Record<string, unknown>;
    expect(Object.keys(object).filter((key) => !(key in properties))).toEqual([]);
    const nodeProperties = document().components.schemas['dev.kubelab.scheduling.v1alpha1.NodeDecision']?.properties as Record<string, unknown>;
    const node = (object.nodes as Record<string, unknown>[])[0];
    expect(Object.keys(node).filter((key) => !(key in nodeProperties))).toEqual([]);
  });

  it('lets the kubectl emulator explain podschedulingdecisions', () => {
    const cluster = new Cluster({ seed: 1, addons: false });
    const result = runKubectl(cluster, 'kubectl explain psd.nodes.filters');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('GROUP:      scheduling.kubelab.dev\nKIND:       PodSchedulingDecision\nVERSION:    v1alpha1\n\nFIELD: filters <[]FilterResult>\n');
  });
});

function document(): ReturnType<typeof openapiDocument> & object {
  return openapiDocument(schedulingDecisionsPath)!;
}

describe.skipIf(!kubectlPath)('real kubectl explain podschedulingdecisions', () => {
  let k: RealKubectl;
  beforeAll(async () => { k = await startRealKubectl(); });
  afterAll(async () => { await k?.stop(); });

  it('prints the kind, its description and its fields', async () => {
    const result = await k.run('explain podschedulingdecisions');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('GROUP:      scheduling.kubelab.dev\nKIND:       PodSchedulingDecision\nVERSION:    v1alpha1\n');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('PodSchedulingDecision is the scheduler\'s latest attempt to place a pod');
    expect(result.stdout).toMatch(/^ {2}nodes\t<\[\]NodeDecision>$/m);
    expect(result.stdout).toMatch(/^ {2}selectedNode\t<string>$/m);
  });
});

if (!kubectlPath) console.warn(noKubectlMessage);
