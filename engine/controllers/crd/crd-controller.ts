/**
 * The apiextensions-apiserver's CRD controllers in one: naming (NamesAccepted, acceptedNames),
 * establishing (Established), the finalizer (deleting a CRD deletes its custom resources first),
 * and the CRD handler's part that starts and stops serving the custom resources in the Registry.
 *
 * `sync(name)` is a ladder; each rung does one step and returns, and the status write it makes
 * brings the CRD back for the next rung:
 *   gone → stop serving · deleting → finalizer · names changed → naming · accepted → establish ·
 *   storage version new → storedVersions · otherwise → serve every served version.
 */
import type { Registry, ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { cleanupStep, deleteInstances, listInstances, needsCleanup } from './cleanup.ts';
import { findCondition, isConditionEquivalent, isConditionTrue } from './conditions.ts';
import { acceptedNamesOf, calculateNames, groupOf, namesSettled, orderedNames } from './naming.ts';
import { resourceInfosFor } from './serving.ts';
import { crdCollection, storedVersionsCurrent, writeStatus } from './status.ts';

export class CustomResourceDefinitionController implements Controller {
  readonly name = 'apiextensions-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private crds!: Informer;
  /** What each CRD (by name) has registered, to update or remove exactly that. */
  private served = new Map<string, ResourceInfo[]>();

  constructor(private readonly registry: Registry) {}

  start(env: ControllerEnv): void {
    this.env = env;
    this.crds = env.informer(crdCollection);
    this.crds.addHandler({
      onAdd: (crd) => this.queue.add(crd.metadata.name!),
      onUpdate: (_old, crd) => this.queue.add(crd.metadata.name!),
      onDelete: (crd) => this.queue.add(crd.metadata.name!),
    });
  }

  sync(name: string): SyncResult {
    const crd = this.crds.get(name);
    if (!crd) return this.stopServing(name);
    if (needsCleanup(crd)) return cleanupStep(this.env, crd, this.served.get(name)?.[0]);
    if (!namesSettled(crd) && this.acceptNames(crd)) return;
    if (isConditionTrue(crd, 'NamesAccepted') && !isConditionTrue(crd, 'Established')) {
      writeStatus(this.env, crd, { conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }] });
      return;
    }
    if (!storedVersionsCurrent(crd)) {
      // Upstream's strategy does this on every write; a CRD that changed its storage version lands here.
      writeStatus(this.env, crd, {});
      return;
    }
    this.serve(name, resourceInfosFor(crd));
  }

  /**
   * The naming controller's sync: write the accepted names and conditions if they changed.
   * Returns whether it wrote; other CRDs of the group are then looked at again, as a name this
   * one gave up may now be free for them.
   */
  private acceptNames(crd: KubeObject): boolean {
    const decision = calculateNames(crd, this.crds.list());
    const sameNames = JSON.stringify(decision.acceptedNames) === JSON.stringify(orderedNames(acceptedNamesOf(crd)));
    if (sameNames && isConditionEquivalent(decision.namesAccepted, findCondition(crd, 'NamesAccepted'))) return false;
    writeStatus(this.env, crd, { acceptedNames: decision.acceptedNames, conditions: [decision.namesAccepted, decision.established] });
    this.requeueGroup(groupOf(crd), crd.metadata.name!);
    return true;
  }

  /** `requeueAllOtherGroupCRDs`. */
  private requeueGroup(group: string, except: string): void {
    for (const other of this.crds.list()) {
      if (groupOf(other) === group && other.metadata.name !== except) this.queue.add(other.metadata.name!);
    }
  }

  /** Make the registry hold exactly `infos` for this CRD. */
  private serve(name: string, infos: ResourceInfo[]): void {
    const before = this.served.get(name) ?? [];
    if (JSON.stringify(before) === JSON.stringify(infos)) return;
    for (const info of before) this.registry.removeCustom(info.group, info.resource, info.version);
    for (const info of infos) this.registry.addCustom(info);
    if (infos.length) this.served.set(name, infos);
    else this.served.delete(name);
  }

  /**
   * The CRD is gone: stop serving its resources. Normally the finalizer has already deleted them;
   * a CRD removed without it (no finalizer was added on delete) has its instances deleted here
   * first, so no custom resource outlives its definition.
   */
  private stopServing(name: string): SyncResult {
    const before = this.served.get(name) ?? [];
    if (before.length) {
      const instances = listInstances(this.env, before[0]);
      if (instances.length) deleteInstances(this.env, before[0], instances);
      this.serve(name, []);
    }
    const group = name.slice(name.indexOf('.') + 1);
    this.requeueGroup(group, name);
  }
}
