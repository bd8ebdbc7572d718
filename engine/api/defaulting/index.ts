/**
 * Defaulting for the simulated API server. The store runs, on create:
 * `applyDefaults` → `admitDefaults` → `prepareForCreate` → validation → storage;
 * and on update: `applyDefaults` → `prepareForUpdate` → validation → storage.
 * Every step returns a new object in the Go encoder's shape (`canonicalize`).
 */
export { applyDefaults } from './apply-defaults.ts';
export { admitDefaults, serviceAccountMountPath, type AdmissionContext, type PriorityClassInfo } from './admission.ts';
export { createResetFields, prepareForCreate, prepareForUpdate, type PrepareContext } from './prepare-for-create.ts';
export { canonicalOrder, canonicalize } from './canonical-order.ts';
export { computeQosClass, quantityValue } from './qos.ts';
export { imageTag, pullPolicyFor } from './pod-spec.ts';
