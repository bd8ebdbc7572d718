/**
 * Which PersistentVolume a claim gets (pkg/controller/volume/persistentvolume/index.go and
 * util.FindMatchingVolume): volumes are grouped by their set of access modes; the groups that
 * offer every mode the claim asks for are tried fewest-modes first, and in each group a volume
 * pre-bound to the claim wins outright, else the smallest Available one that fits: big enough,
 * same class, same volumeMode, selector matched, not being deleted.
 *
 * Worked example: a claim for 5Gi RWO with volumes 10Gi RWO, 8Gi RWO+ROX and 20Gi RWO. The RWO
 * group is tried first and gives 10Gi; the smaller 8Gi is in the RWO+ROX group, only tried when
 * the RWO group has nothing that fits.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import { compareQuantities, parseQuantity, quantityFromJSON, type Quantity } from '../../api/validation/quantity.ts';
import { claimClass, isVolumeBoundToClaim, volumeClass } from './storage-class.ts';

const zero = parseQuantity('0');

/** A storage quantity from an object (`spec.capacity.storage`, `requests.storage`), 0 when absent or bad. */
export function storageQuantity(value: unknown): Quantity {
  if (value === undefined || value === null) return zero;
  try {
    return quantityFromJSON(value);
  } catch {
    return zero;
  }
}

function requested(claim: PersistentVolumeClaim): Quantity {
  return storageQuantity(claim.spec?.resources?.requests?.storage);
}

function capacity(volume: PersistentVolume): Quantity {
  return storageQuantity(volume.spec?.capacity?.storage);
}

/** CheckVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMismatch(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode) => offered.has(mode));
}

/**
 * checkVolumeSatisfyClaim: why a volume the user named in `spec.volumeName` cannot be bound, as
 * the text after `Cannot bind to requested volume "<pv>": ` in the VolumeMismatch event.
 */
export function checkVolumeSatisfyClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (volume.metadata?.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (compareQuantities(capacity(volume), requested(claim)) < 0) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

/** FindMatchingVolume for one access-mode group (the PV controller's path: no node). */
function findMatchingVolume(claim: PersistentVolumeClaim, volumes: PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const want = requested(claim);
  const className = claimClass(claim);
  let matchSelector: ((labels: Record<string, string> | undefined) => boolean) | undefined;
  if (claim.spec?.selector) {
    const parsed = labelSelectorAsSelector(claim.spec.selector as LabelSelector);
    // An invalid selector matches nothing (the Go code returns an error and binds nothing).
    matchSelector = parsed.ok && !parsed.value.nothing ? (labels) => matchLabels(parsed.value, labels) : () => false;
  }
  let smallest: PersistentVolume | undefined;
  for (const volume of volumes) {
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const size = capacity(volume);
    if (compareQuantities(size, want) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    // A volume pre-bound to this claim (by the user, or created for it by a provisioner) wins.
    if (isVolumeBoundToClaim(volume, claim)) return volume;
    // WaitForFirstConsumer: the scheduler, which knows the node, binds pre-existing volumes.
    if (delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (matchSelector && !matchSelector(volume.metadata?.labels)) continue;
    if (volumeClass(volume) !== className) continue;
    if (!smallest || compareQuantities(capacity(smallest), size) > 0) smallest = volume;
  }
  return smallest;
}

/** The index key of a volume: its sorted access modes, e.g. `ReadOnlyMany,ReadWriteOnce`. */
function modesKey(volume: PersistentVolume): string {
  return [...new Set(volume.spec?.accessModes ?? [])].sort().join(',');
}

/** findBestMatchForClaim: the volume the PV controller binds the claim to, if any. */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: Iterable<PersistentVolume>, delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const volume of volumes) {
    const key = modesKey(volume);
    const group = groups.get(key);
    if (group) group.push(volume);
    else groups.set(key, [volume]);
  }
  const wanted = claim.spec?.accessModes ?? [];
  const candidates = [...groups.keys()]
    .filter((key) => { const modes = key.split(','); return wanted.every((mode) => modes.includes(mode)); })
    .sort((a, b) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of candidates) {
    const match = findMatchingVolume(claim, groups.get(key)!, delayBinding);
    if (match) return match;
  }
  return undefined;
}
