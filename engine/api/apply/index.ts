/**
 * Server-side apply and managedFields, as the Kubernetes v1.32 API server keeps them. See README.md
 * for the flow; these are the entry points the REST handlers and the kubectl emulator use.
 */
export { beforeFirstApplyManager, serverSideApply } from './apply.ts';
export type { ApplyInput, ApplyResult } from './apply.ts';
export { conflictStatus } from './conflict.ts';
export type { ApplyConflict } from './conflict.ts';
export { findFieldsOwners, lastAppliedFieldSet, lastAppliedManager, upgradeManagedFieldsPatch } from './csa-upgrade.ts';
export { componentManagers, kubectlFieldManagers, managerOrUserAgent, prefixFromUserAgent } from './field-manager.ts';
export { FieldSet, pathString } from './fieldpath.ts';
export type { JsonValue, Path, PathElement } from './fieldpath.ts';
export { buildLastApplied, lastAppliedAnnotation } from './last-applied.ts';
export { updateScaleManagedFields } from './scale.ts';
export type { ScaleUpdateInput } from './scale.ts';
export { schemaFor } from './schema.ts';
export { compare, merge, removeItems, toFieldSet } from './typed.ts';
export { defaultResetFields, updateManagedFields } from './update.ts';
export type { UpdateInput } from './update.ts';
