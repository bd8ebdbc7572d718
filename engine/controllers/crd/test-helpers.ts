/**
 * Shared by the CRD tests: a cluster with the CRD controller and small request helpers. The test
 * files read the upstream website's Shirt example (corpus/k8s-website-examples/
 * customresourcedefinition) themselves: engine code, this file included, may not use node:fs.
 */
import { Cluster } from '../../cluster.ts';
import { crdStorageKey, markCrdForDeletion } from '../../api/custom-resources.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import { parseManifests } from '../../yaml/index.ts';
import { crdCollection } from './status.ts';

/** Where the Shirt example lives: `shirt-resource-definition.yaml` and `shirt-resources.yaml`. */
export const corpusFolder = '/work/shared/corpus/k8s-website-examples/customresourcedefinition';

/** The objects of a manifest file's text, as kubectl would send them. */
export function manifestObjects(text: string): KubeObject[] {
  return parseManifests(text).objects as KubeObject[];
}

/** A new cluster whose CRD controller runs (cluster.ts does not register it yet). */
export function crdCluster(): Cluster {
  const cluster = new Cluster();
  return cluster;
}

/** The collection URL of Shirts in `namespace`. */
export const shirtsPath = (namespace = 'default'): string => `/apis/stable.example.com/v1/namespaces/${namespace}/shirts`;

/** POST a CRD. */
export function createCrd(cluster: Cluster, crd: KubeObject): ApiResponse {
  return cluster.handle({ method: 'POST', path: crdCollection, body: crd });
}

/** GET a CRD (the body, or undefined when it is gone). */
export function getCrd(cluster: Cluster, name: string): KubeObject | undefined {
  const response = cluster.handle({ method: 'GET', path: `${crdCollection}/${name}` });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

/** The names of the objects a list request answers with. */
export function listNames(cluster: Cluster, path: string, query?: Record<string, string>): string[] {
  const response = cluster.handle({ method: 'GET', path, query });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return ((response.body as { items: KubeObject[] }).items).map((item) => item.metadata.name!);
}

/**
 * Delete a CRD the way apiextensions' REST storage does (finalizer and Terminating condition
 * stored directly), standing in for handlers/delete.ts until it calls markCrdForDeletion itself.
 */
export function deleteCrdAsApiServer(cluster: Cluster, name: string): void {
  const store = cluster.api.context.store;
  const crd = store.get(crdStorageKey, undefined, name)!;
  store.update(crdStorageKey, markCrdForDeletion(crd, rfc3339(cluster.now())), crd);
  cluster.settle();
}
