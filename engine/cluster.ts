/**
 * A simulated cluster: the API server, the controllers, and virtual time. `handle` is the front
 * door for every client; `advance(ms)` moves time and runs everything that falls due; `settle()`
 * runs the controllers until they have nothing left to do at the current instant. The same seed
 * and the same requests give the same cluster, byte for byte.
 */
import { ManualClock, Random, defaultEpoch, rfc3339 } from './clock.ts';
import { ApiServer } from './api/server.ts';
import { resourcePath } from './api/registry.ts';
import type { ApiRequest, ApiResponse, KubeObject } from './api/types.ts';
import { ControllerRunner } from './runtime/controller.ts';
import { GarbageCollector } from './controllers/garbage-collector/garbage-collector.ts';
import { NamespaceController } from './controllers/namespace/namespace.ts';
import { bootstrapObjects } from './bootstrap.ts';
import { setLogSource } from './api/handlers/pod-log.ts';
import { Kubelets, type KubeletsOptions } from './kubelet/kubelets.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { defaultNodes } from './kubelet/nodes.ts';
import { defaultFlowSchemas, defaultPriorityLevelConfigurations, flowSchemaStatus, localAPIServiceStatus, localAPIServices } from './bootstrap-apf.ts';
import { CustomResourceDefinitionController } from './controllers/crd/crd-controller.ts';
import { DeploymentController } from './controllers/deployment/deployment.ts';
import { ReplicaSetController } from './controllers/replicaset/replicaset.ts';
import { RootCACertPublisher } from './controllers/serviceaccount/root-ca-publisher.ts';
import { ServiceAccountsController } from './controllers/serviceaccount/serviceaccounts.ts';

/** Objects the API server creates for itself are written under its own user agent. */
const apiserverAgent = 'kube-apiserver/v1.32.2 (linux/amd64) kubernetes/67a30c0';

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

  constructor(options: ClusterOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = new ManualClock(options.start ?? defaultEpoch);
    this.random = new Random(this.seed);
    this.api = new ApiServer({ clock: this.clock, random: this.random, historySize: options.historySize, maxPods: options.maxPods });
    for (const object of bootstrapObjects()) this.create(object);
    this.bootstrapApiServerObjects();
    this.controllers = new ControllerRunner(this.api, this.clock, this.random);
    const registry = this.api.context.registry;
    this.kubelets = new Kubelets({ nodes: defaultNodes(options.nodes ?? 3), ...options.kubelets });
    this.scheduler = new Scheduler();
    if (options.controllers === false) return;
    this.controllers.add(new GarbageCollector(registry));
    this.controllers.add(new NamespaceController(registry));
    this.controllers.add(new CustomResourceDefinitionController(registry));
    this.controllers.add(new ServiceAccountsController());
    this.controllers.add(new RootCACertPublisher());
    this.controllers.add(new ReplicaSetController());
    this.controllers.add(new DeploymentController());
    this.controllers.add(this.kubelets);
    setLogSource(this.api.context, this.kubelets.logSource);
    if (options.scheduler !== false) this.controllers.add(this.scheduler);
    this.settle();
  }

  /** Answer an API request, then let the controllers react at the current instant. */
  handle(request: ApiRequest): ApiResponse {
    const response = this.api.handle(request);
    if (request.method !== 'GET') this.settle();
    return response;
  }

  /** Run controllers until nothing is left to do now. */
  settle(): void {
    this.controllers.settle();
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
  }

  private create(object: KubeObject, status?: Record<string, unknown>): void {
    const info = this.api.context.registry.byKind(object.apiVersion!, object.kind!)!;
    const path = resourcePath(info, object.metadata.namespace);
    const response = this.api.handle({ method: 'POST', path, body: object, headers: { 'user-agent': apiserverAgent } });
    if (response.status >= 300) throw new Error(`bootstrap ${object.kind} ${object.metadata.name}: ${JSON.stringify(response.body)}`);
    if (status) {
      const objectPath = resourcePath(info, object.metadata.namespace, object.metadata.name);
      this.api.handle({ method: 'PATCH', path: `${objectPath}/status`, body: { status }, headers: { 'content-type': 'application/merge-patch+json', 'user-agent': apiserverAgent } });
    }
  }
}
