/**
 * The root CA certificate publisher: every active namespace has the ConfigMap `kube-root-ca.crt`
 * with the cluster's CA bundle under `ca.crt`, which pods' service account volumes project.
 * The certificate is a fixed, clearly fake PEM: the simulated cluster has no TLS.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';

export const rootCAConfigMapName = 'kube-root-ca.crt';

/** The simulated cluster's CA bundle. */
export const rootCACertificate = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIS3ViZWxhYi0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDKubelabSimulatedClusterHasNoRealKeyMaterialInThisCert0000
-----END CERTIFICATE-----
`;

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private namespaces!: Informer;
  private configMaps!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.namespaces = env.informer('/api/v1/namespaces');
    this.configMaps = env.informer('/api/v1/configmaps');
    this.namespaces.addHandler({ onAdd: (ns) => this.queue.add(ns.metadata.name!), onUpdate: (_o, ns) => this.queue.add(ns.metadata.name!) });
    const watchOwn = (cm: KubeObject) => cm.metadata.name === rootCAConfigMapName && this.queue.add(cm.metadata.namespace!);
    this.configMaps.addHandler({ onUpdate: (_o, cm) => watchOwn(cm), onDelete: watchOwn });
  }

  sync(namespace: string): SyncResult {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const current = this.configMaps.get(`${namespace}/${rootCAConfigMapName}`);
    const data = { 'ca.crt': rootCACertificate };
    if (!current) {
      this.env.api.handle({
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/configmaps`,
        body: {
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: rootCAConfigMapName, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data,
        },
      });
    } else if ((current.data as Record<string, string> | undefined)?.['ca.crt'] !== rootCACertificate) {
      this.env.api.handle({
        method: 'PATCH',
        path: `/api/v1/namespaces/${namespace}/configmaps/${rootCAConfigMapName}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { data },
      });
    }
  }
}
