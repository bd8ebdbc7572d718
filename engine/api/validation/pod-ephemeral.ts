/**
 * `ValidatePodEphemeralContainersUpdate`: what a write to `pods/NAME/ephemeralcontainers` must
 * satisfy. The new pod is checked as a whole (so `ports`, `resources`, probes and `lifecycle` of an
 * ephemeral container are `Forbidden: cannot be set for an Ephemeral Container`), static pods are
 * refused, and the ephemeral containers already there may be neither removed nor changed.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, deepEqual, str } from './field-path.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import { validatePodMetadataAndSpec } from './pod.ts';
import { specDiff } from './pod-update.ts';

/** The annotation the kubelet puts on a static pod's mirror pod. */
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

/** `ValidatePodEphemeralContainersUpdate`. */
export function validatePodEphemeralContainersUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  // Static pods run from a file on the node; the kubelet would never start the container (#113935).
  if (old.metadata.annotations?.[mirrorPodAnnotation] !== undefined) {
    return [fieldError.forbidden('', 'static pods do not support ephemeral containers')];
  }
  // A patch need not keep the order, so each old container is looked up by name.
  const byName = new Map(asObjects(asObject(pod.spec)?.ephemeralContainers).map((c) => [str(c.name), c]));
  for (const before of asObjects(asObject(old.spec)?.ephemeralContainers)) {
    const after = byName.get(str(before.name));
    if (!after) {
      errs.push(fieldError.forbidden('spec.ephemeralContainers', `existing ephemeral containers "${str(before.name)}" may not be removed\n`));
    } else if (!deepEqual(before, after)) {
      const diff = ['  core.EphemeralContainer{', ...specDiff(before, after), '  }'].join('\n');
      errs.push(fieldError.forbidden('spec.ephemeralContainers', `existing ephemeral containers "${str(before.name)}" may not be changed\n${diff}`));
    }
  }
  return errs;
}
