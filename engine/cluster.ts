/**
 * A simulated cluster: the API server, the controllers, and virtual time. `handle` is the front
 * door for every client; `advance(ms)` moves time and runs everything that falls due; `settle()`
 * runs the controllers until they have nothing left to do at the current instant. The same seed
 * and the same requests give the same cluster, byte for byte.
 */
import { ManualClock, Random, defaultEpoch, rfc3339 } from './clock.ts';
import { ApiServer } from './api/server.ts';
import type { AuditLog } from './api/audit.ts';
import { ClusterRoleAggregationController, bootstrapPolicy, kubeadmPolicy } from './api/authz/index.ts';
import { resourcePath } from './api/registry.ts';
import type { ApiRequest, ApiResponse, KubeObject } from './api/types.ts';
import { ControllerRunner } from './runtime/controller.ts';
import { GarbageCollector } from './controllers/garbage-collector/garbage-collector.ts';
import { NamespaceController } from './controllers/namespace/namespace.ts';
import { bootstrapObjects } from './bootstrap.ts';
import { bootstrapImageKey, bootstrapOnce } from './bootstrap-image.ts';
import { setLogSource } from './api/handlers/pod-log.ts';
import { Kubelets, type KubeletsOptions } from './kubelet/kubelets.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { serveSchedulingDecisions } from './scheduler/decisions-api.ts';
import { defaultNodes, nodeAddress, type NodeSpec } from './kubelet/nodes.ts';
import { addonObjects, controlPlaneStaticPods } from './addons/index.ts';
import { defaultFlowSchemas, defaultPriorityLevelConfigurations, flowSchemaStatus, localAPIServiceStatus, localAPIServices } from './bootstrap-apf.ts';
import { CustomResourceDefinitionController } from './controllers/crd/crd-controller.ts';
import { DeploymentController } from './controllers/deployment/deployment.ts';
import { ReplicaSetController } from './controllers/replicaset/replicaset.ts';
import { StatefulSetController } from './controllers/statefulset/statefulset.ts';
import { DaemonSetController } from './controllers/daemonset/daemonset.ts';
import { EndpointsController } from './controllers/endpoints/endpoints.ts';
import { EndpointSliceController } from './controllers/endpointslice/endpointslice.ts';
import { EndpointSliceMirroringController } from './controllers/endpointslice/mirroring.ts';
import { kubernetesEndpointObjects } from './controllers/endpointslice/apiserver-endpoints.ts';
import { JobController } from './controllers/job/job.ts';
import { TTLAfterFinishedController } from './controllers/job/ttl-after-finished.ts';
import { CronJobController } from './controllers/cronjob/cronjob.ts';
import { storageControllers } from './controllers/persistentvolume/controllers.ts';
import { defaultStorageClass } from './controllers/persistentvolume/storage-class.ts';
import { DisruptionController } from './controllers/disruption/disruption.ts';
import { ResourceQuotaController } from './controllers/resourcequota/resourcequota.ts';
import { NodeLifecycleController } from './controllers/node-lifecycle/node-lifecycle.ts';
import { PodGCController } from './controllers/node-lifecycle/pod-gc.ts';
import { TaintEvictionController } from './controllers/node-lifecycle/taint-eviction.ts';
import type { Controller } from './runtime/controller.ts';
import { ClusterNetwork } from './network/cluster-network.ts';
import { VolumeManager } from './storage/volume-manager.ts';
import { LoadBalancerController } from './network/load-balancer.ts';
import { IngressStatusController } from './network/ingress-status.ts';
import { attachStreaming } from './exec/exec-streams.ts';
import { HorizontalPodAutoscalerController } from './controllers/hpa/hpa.ts';
import { metricsRequest } from './metrics/api.ts';
import { setMetricsSource } from './metrics/source.ts';
import { metricsAPIServiceStatus, metricsServerObjects } from './metrics/metrics-server.ts';
import { RootCACertPublisher } from './controllers/serviceaccount/root-ca-publisher.ts';
import { ServiceAccountsController } from './controllers/serviceaccount/serviceaccounts.ts';

/** Objects the API server creates for itself are written under its own user agent. */
const apiserverAgent = 'kube-apiserver/v1.32.2 (linux/amd64) kubernetes/67a30c0';
/** Add-ons are applied by kubeadm and kind's installer (kubectl): their own user agent. */
const kubeadmAgent = 'kubeadm/v1.32.2 (linux/amd64) kubernetes/67a30c0';

export interface ClusterOptions {
  /** Seed of the random source: names, UIDs, IPs. Default 1. */
  seed?: number;
  /** Virtual start time in ms since the epoch. Default 2026-01-01T00:00:00Z. */
  start?: number;
  /** Changes kept for watch replay. */
  historySize?: number;
  /** Worker nodes besides the control plane (default 3, as DESIGN.md's default cluster). */
  nodes?: number;
  /** Kubelet options: other nodes, another stage table, no node start-up events. */
  kubelets?: KubeletsOptions;
  /** `false` leaves pods unscheduled: for tests of one component in isolation. */
  scheduler?: boolean;
  /**
   * `false` runs the API server alone: no controllers, scheduler or kubelets react to writes
   * (the API benchmarks measure the server by itself this way).
   */
  controllers?: boolean;
  /** The most pods the cluster stores (default 1,000): a runaway is refused with a clear error. */
  maxPods?: number;
  /**
   * The default cluster's system pods and add-ons (default true): the control plane's static
   * pods, CoreDNS, kube-proxy, kindnet, local-path-provisioner and ingress-nginx.
   */
  addons?: boolean;
  /**
   * Controllers (by name, e.g. `statefulset-controller`) not to start: a test that configures
   * its own instance of one leaves the default out this way.
   */
  omitControllers?: string[];
  /**
   * How much controller work a write runs before it answers. Default `'all'`: everything the write
   * sets off at the current instant (what tests and `kubelab serve` expect). `{budgetMs, wallNow}`:
   * syncs until `budgetMs` of wall time (read with `wallNow`: the engine has no clock of its own)
   * is spent; the rest waits for `settle`, `settleWithin` or `advance`. The browser worker uses it
   * so that `kubectl create deployment --replicas=1000` answers at once and the worker's time
   * slices work off the rest. Either way the cluster ends up the same (see `handle`).
   */
  writeSettle?: 'all' | WallBudget;
}

/** A wall-time allowance for controller work, with the wall clock to measure it by. */
export interface WallBudget {
  budgetMs: number;
  wallNow: () => number;
}

/** Per-request choice of how much controller work runs after a write. */
export interface HandleOptions {
  /** `true`: all of it; `false`: none (the rest waits, as after a bounded write). Default: ClusterOptions.writeSettle. */
  settle?: boolean;
}

/** The default nodes; with add-ons the control plane runs kubeadm's static pods and hosts ingress-nginx. */
function clusterNodes(count: number, addons: boolean): NodeSpec[] {
  const nodes = defaultNodes(count);
  if (!addons) return nodes;
  const [controlPlane] = nodes;
  controlPlane.labels = { ...controlPlane.labels, 'ingress-ready': 'true' };
  controlPlane.staticPods = controlPlaneStaticPods(controlPlane.name, nodeAddress(0));
  return nodes;
}

export class Cluster {
  readonly clock: ManualClock;
  readonly random: Random;
  readonly api: ApiServer;
  readonly controllers: ControllerRunner;
  readonly seed: number;
  /** The simulated nodes' kubelets: add, fail and recover nodes. */
  readonly kubelets: Kubelets;
  /** The default scheduler, whose decision records explain where each pod went and why. */
  readonly scheduler: Scheduler;
  /** DNS, kube-proxy, NetworkPolicy and Ingress: how traffic between simulated pods flows. */
  readonly network: ClusterNetwork;
  /** Volume contents (emptyDir, hostPath, PV data, ConfigMap/Secret projections) and containers' views of them. */
  readonly volumes: VolumeManager;
  /** How much controller work a write runs before answering: all of it, or a wall-time budget. */
  private readonly writeSettle: 'all' | WallBudget;
  /** A bounded write left controller work for later (cleared by every full settle). */
  private unsettled = false;

  constructor(options: ClusterOptions = {}) {
    this.seed = options.seed ?? 1;
    this.writeSettle = options.writeSettle ?? 'all';
    this.clock = new ManualClock(options.start ?? defaultEpoch);
    this.random = new Random(this.seed);
    this.api = new ApiServer({ clock: this.clock, random: this.random, historySize: options.historySize, maxPods: options.maxPods });
    this.api.serveGroup('metrics.k8s.io', metricsRequest);
    // Fixed objects through the full pipeline: computed once per process, then copied (bootstrap-image.ts).
    bootstrapOnce(this.api.context, bootstrapImageKey(this.seed, this.clock.now(), options.historySize), () => {
      for (const object of bootstrapObjects()) this.create(object);
      this.bootstrapApiServerObjects();
      // kube-apiserver's RBAC bootstrap policy and kubeadm's bindings, then every request is checked.
      for (const object of [...bootstrapPolicy(), ...kubeadmPolicy()]) this.create(object);
    });
    this.api.enableAuthorization();
    this.controllers = new ControllerRunner(this.api, this.clock, this.random);
    const registry = this.api.context.registry;
    const addons = options.addons ?? options.controllers !== false;
    this.kubelets = new Kubelets({ nodes: clusterNodes(options.nodes ?? 3, addons), ...options.kubelets });
    this.scheduler = new Scheduler();
    serveSchedulingDecisions(this.api, this.scheduler.decisions);
    this.network = new ClusterNetwork((request) => this.kubelets.httpGet(request));
    this.volumes = new VolumeManager();
    if (options.controllers === false) return;
    const omitted = new Set(options.omitControllers ?? []);
    const add = (controller: Controller): void => {
      if (!omitted.has(controller.name)) this.controllers.add(controller);
    };
    add(new GarbageCollector(registry));
    add(new NamespaceController(registry));
    add(new ClusterRoleAggregationController());
    add(new CustomResourceDefinitionController(registry));
    add(new ServiceAccountsController());
    add(new RootCACertPublisher());
    add(new ReplicaSetController());
    add(new DeploymentController());
    add(new HorizontalPodAutoscalerController(registry));
    add(new StatefulSetController());
    add(new DaemonSetController());
    add(new JobController());
    add(new TTLAfterFinishedController());
    add(new CronJobController());
    for (const controller of storageControllers()) add(controller);
    add(new EndpointsController());
    add(new EndpointSliceController());
    add(new EndpointSliceMirroringController());
    // Before the kubelets: a container's env and mounts are read from the volume manager's caches.
    this.controllers.add(this.volumes);
    this.kubelets.volumes = this.volumes;
    this.controllers.add(this.kubelets);
    this.controllers.add(this.network);
    this.kubelets.network = this.network;
    add(new LoadBalancerController());
    add(new IngressStatusController());
    setLogSource(this.api.context, this.kubelets.logSource);
    attachStreaming(this, (pod) => this.kubelets.podRun(pod), (pod) => this.network.podNetwork(pod.metadata.namespace ?? 'default', pod.metadata.name!));
    setMetricsSource(this.api.context, this.kubelets.metricsSource);
    if (options.scheduler !== false) this.controllers.add(this.scheduler);
    // After the kubelets: the node controller sees a Lease renewal in the same pass.
    add(new NodeLifecycleController());
    add(new TaintEvictionController());
    add(new PodGCController());
    add(new DisruptionController(registry));
    add(new ResourceQuotaController(registry));
    this.settle();
    if (addons) {
      for (const object of [defaultStorageClass(), ...addonObjects()]) this.create(object, undefined, kubeadmAgent);
      const available = metricsAPIServiceStatus(rfc3339(this.clock.now()));
      for (const object of metricsServerObjects()) this.create(object, object.kind === 'APIService' ? available : undefined, kubeadmAgent);
      // Settled in full even with a bounded writeSettle: the first `kubectl get pods -A` shows every system pod.
      this.settle();
    }
  }

  /**
   * Answer an API request, then let the controllers react at the current instant (all of their
   * work, or a bounded part of it: `options.settle`, ClusterOptions.writeSettle). Work left over
   * from an earlier bounded write is finished before the next write is applied, so every write
   * meets the same settled cluster as on the unbounded path and the end state is byte-identical;
   * only reads in between may see the cluster half-way, as they may in a real cluster.
   */
  handle(request: ApiRequest, options: HandleOptions = {}): ApiResponse {
    if (request.method === 'GET') return this.api.handle(request);
    // Only after a bounded write: the default path settles exactly as it always has.
    if (this.unsettled) this.settle();
    const response = this.api.handle(request);
    this.settleAfterWrite(options.settle === undefined ? this.writeSettle : options.settle ? 'all' : undefined);
    return response;
  }

  /** All of the controller work a write set off, as much as the wall budget allows, or none. */
  private settleAfterWrite(settle: 'all' | WallBudget | undefined): void {
    if (settle === 'all') return this.settle();
    this.unsettled = this.controllers.pending();
    if (settle) this.settleWithin(settle.budgetMs, settle.wallNow);
  }

  /** Every API request, as the audit log keeps it: `cluster.audit.query({ verb: 'delete', user: 'jane', since })`. */
  get audit(): AuditLog {
    return this.api.context.audit;
  }

  /** Run controllers until nothing is left to do now. */
  settle(): void {
    this.controllers.settle();
    this.unsettled = false;
  }

  /**
   * After a bounded write, run controllers at the current instant for about `budgetMs` of wall
   * time (read with `wallNow`, which the caller passes in: the engine has no clock of its own),
   * checking the time every `chunk` syncs; one sync is never split. Returns whether the cluster is
   * settled. The pieces run exactly the syncs one `settle` would, in the same order.
   */
  settleWithin(budgetMs: number, wallNow: () => number, chunk = 1): boolean {
    const began = wallNow();
    while (this.unsettled) {
      // A piece that runs fewer syncs than allowed ended with every queue empty.
      if (this.controllers.settle(chunk) < chunk) this.unsettled = false;
      else if (wallNow() - began >= budgetMs) break;
    }
    return !this.unsettled;
  }

  /** Whether a bounded write left controller work waiting at the current instant. */
  get busy(): boolean {
    return this.unsettled;
  }

  /** Move virtual time forward by `ms`, running everything that falls due on the way. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    for (;;) {
      this.settle();
      const due = this.controllers.nextDue();
      if (due === undefined || due > target) break;
      this.clock.set(due);
      this.api.tick();
    }
    this.clock.set(target);
    this.settle();
    this.api.tick();
  }

  /** Virtual time in ms since the epoch. */
  now(): number {
    return this.clock.now();
  }

  /**
   * What kube-apiserver itself keeps in a new cluster: the default API Priority and Fairness
   * configuration and an APIService per local group version, with their statuses.
   */
  private bootstrapApiServerObjects(): void {
    const now = rfc3339(this.clock.now());
    for (const level of defaultPriorityLevelConfigurations()) this.create(level);
    for (const schema of defaultFlowSchemas()) this.create(schema, flowSchemaStatus(schema, now));
    for (const service of localAPIServices()) this.create(service, localAPIServiceStatus(now));
    for (const object of kubernetesEndpointObjects(nodeAddress(0))) this.create(object);
  }

  private create(object: KubeObject, status?: Record<string, unknown>, userAgent = apiserverAgent): void {
    const info = this.api.context.registry.byKind(object.apiVersion!, object.kind!)!;
    const path = resourcePath(info, object.metadata.namespace);
    const response = this.api.handle({ method: 'POST', path, body: object, headers: { 'user-agent': userAgent } });
    if (response.status >= 300) throw new Error(`bootstrap ${object.kind} ${object.metadata.name}: ${JSON.stringify(response.body)}`);
    if (status) {
      const objectPath = resourcePath(info, object.metadata.namespace, object.metadata.name);
      this.api.handle({ method: 'PATCH', path: `${objectPath}/status`, body: { status }, headers: { 'content-type': 'application/merge-patch+json', 'user-agent': apiserverAgent } });
    }
  }
}
