import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { complete } from './complete.ts';

// Expected candidates are what kubectl 1.32's `kubectl __complete …` printed against `kubelab serve`
// (seed 1, one pod `web` in default), descriptions and the trailing directive line removed.
const realGetTypes = 'componentstatuses configmaps endpoints events limitranges namespaces nodes persistentvolumeclaims persistentvolumes pods podtemplates replicationcontrollers resourcequotas secrets serviceaccounts services mutatingwebhookconfigurations.admissionregistration.k8s.io validatingadmissionpolicies.admissionregistration.k8s.io validatingadmissionpolicybindings.admissionregistration.k8s.io validatingwebhookconfigurations.admissionregistration.k8s.io customresourcedefinitions.apiextensions.k8s.io apiservices.apiregistration.k8s.io controllerrevisions.apps daemonsets.apps deployments.apps replicasets.apps statefulsets.apps horizontalpodautoscalers.autoscaling cronjobs.batch jobs.batch certificatesigningrequests.certificates.k8s.io leases.coordination.k8s.io endpointslices.discovery.k8s.io events.events.k8s.io flowschemas.flowcontrol.apiserver.k8s.io prioritylevelconfigurations.flowcontrol.apiserver.k8s.io nodes.metrics.k8s.io pods.metrics.k8s.io ingressclasses.networking.k8s.io ingresses.networking.k8s.io networkpolicies.networking.k8s.io runtimeclasses.node.k8s.io poddisruptionbudgets.policy clusterrolebindings.rbac.authorization.k8s.io clusterroles.rbac.authorization.k8s.io rolebindings.rbac.authorization.k8s.io roles.rbac.authorization.k8s.io priorityclasses.scheduling.k8s.io podschedulingdecisions.scheduling.kubelab.dev csidrivers.storage.k8s.io csinodes.storage.k8s.io csistoragecapacities.storage.k8s.io storageclasses.storage.k8s.io volumeattachments.storage.k8s.io';

describe('complete', () => {
  let cluster: Cluster;
  beforeAll(() => {
    cluster = new Cluster({ seed: 1 });
    cluster.advance(30_000);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    expect(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
  }, 60_000);

  it.each([
    ['kub', 0, 'kubectl'],
    ['k g', 2, 'get'],
    ['kubectl get ', 12, realGetTypes],
    ['k get po ', 9, 'web'],
    ['k get pod/', 6, 'pod/web'],
    ['k get pod/w', 6, 'pod/web'],
    ['k get po web ', 13, ''],
    ['k get pods,deploy ', 18, 'web'],
    ['k get pods -n ', 14, 'default ingress-nginx kube-node-lease kube-public kube-system local-path-storage'],
    ['k get po --namespace=k', 21, 'kube-node-lease kube-public kube-system'],
    ['k get deploy -n kube-system ', 28, 'coredns metrics-server'],
    ['k logs ', 7, 'web daemonsets/ deployments/ pods/ jobs/ replicasets/ replicationcontrollers/ services/ statefulsets/'],
    ['k exec ', 7, 'web daemonsets/ deployments/ pods/ jobs/ replicasets/ replicationcontrollers/ services/ statefulsets/'],
    ['k exec web -c ', 14, 'web'],
    ['k rollout ', 10, 'history pause restart resume status undo'],
    ['k rollout status ', 17, 'deployment daemonset statefulset'],
    ['k describe no ', 14, 'control-plane node-1 node-2 node-3'],
    ['k cordon ', 9, 'control-plane node-1 node-2 node-3'],
    ['k top ', 6, 'node pod'],
    ['k config ', 9, 'current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context view'],
    ['k get po -o ', 12, 'json yaml name go-template go-template-file template templatefile jsonpath jsonpath-as-json jsonpath-file custom-columns custom-columns-file wide'],
    ['k debug ', 8, ''],
    ['k debug --pro', 8, '--profile-output --profile'],
    ['k logs -', 7, '--as --as-group --as-uid --cache-dir --certificate-authority --client-certificate --client-key --cluster --context '
      + '--disable-compression --insecure-skip-tls-verify --kubeconfig --log-flush-frequency --match-server-version --namespace -n --password '
      + '--profile --profile-output --request-timeout --server -s --tls-server-name --token --user --username --v -v --vmodule --warnings-as-errors '
      + '--all-containers --all-pods --container -c --follow -f --help -h --ignore-errors --insecure-skip-tls-verify-backend --limit-bytes '
      + '--max-log-requests --pod-running-timeout --prefix --previous -p --selector -l --since --since-time --tail --timestamps'],
  ])('%j', async (line, from, items) => {
    expect(await complete(line, line.length, cluster)).toEqual({ from, items: items ? items.split(' ') : [] });
  });

  it('completes the word under the cursor, not the end of the line', async () => {
    const line = 'k get po -n kube-sys web';
    expect(await complete(line, 'k get po -n kube-sys'.length, cluster)).toEqual({ from: 12, items: ['kube-system'] });
  });

  it('lists the verbs after kubectl', async () => {
    const { items } = await complete('kubectl ', 8, cluster);
    expect(items).toContain('debug');
    expect(items).toEqual([...items].sort());
  });
});
