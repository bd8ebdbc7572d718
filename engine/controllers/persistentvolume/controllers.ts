/**
 * The storage controllers of a kind cluster, ready to register: kube-controller-manager's
 * persistentvolume-binder, pvc-protection, pv-protection, attach/detach and expand controllers,
 * and the local-path provisioner that kind deploys in `local-path-storage`.
 */
import type { Controller } from '../../runtime/controller.ts';
import { AttachDetachController } from './attach-detach.ts';
import { ExpandController, ExternalResizer } from './expand.ts';
import { LocalPathProvisioner, type LocalPathProvisionerOptions } from './local-path-provisioner.ts';
import { PersistentVolumeController } from './pv-controller.ts';
import { PVCProtectionController, PVProtectionController } from './protection.ts';

export interface StorageControllerOptions {
  /** Options of the local-path provisioner; `false` leaves it out (claims then wait in ExternalProvisioning). */
  localPath?: LocalPathProvisionerOptions | false;
  /**
   * Provisioners whose volumes an external-resizer expands. kind has none (default []), so growing
   * a claim only records ExternalExpanding; `['rancher.io/local-path']` lets lessons expand volumes.
   */
  resizers?: string[];
}

/** Every storage controller, in the order to add them to the ControllerRunner. */
export function storageControllers(options: StorageControllerOptions = {}): Controller[] {
  const controllers: Controller[] = [
    new PersistentVolumeController(),
    new PVCProtectionController(),
    new PVProtectionController(),
    new AttachDetachController(),
    new ExpandController(),
  ];
  if (options.localPath !== false) controllers.push(new LocalPathProvisioner(options.localPath || {}));
  for (const driver of options.resizers ?? []) controllers.push(new ExternalResizer(driver));
  return controllers;
}
