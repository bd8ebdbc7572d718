/**
 * Describers of storage: PersistentVolumeClaim (with the pods that use it), PersistentVolume (with
 * its node affinity and volume source) and StorageClass.
 */
import { timestampSince } from '../../api/table/duration.ts';
import { accessModesString, formatLabels } from '../../api/table/format.ts';
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, obj, printAnnotations, printLabels, rfc1123z, sortStrings, str, strMap, type Obj } from './format.ts';
import { quantityText } from './resource-list.ts';
import { PrefixWriter } from './writer.ts';

const betaStorageClass = 'volume.beta.kubernetes.io/storage-class';

/** Go's `%v` of a string slice: `[a b]`. */
export function goStringSlice(values: unknown): string {
  return `[${arr(values).map(str).join(' ')}]`;
}

/**
 * `getPodsForPVC`: pods of the namespace with a volume naming the claim (once per such volume, as
 * kubectl appends), then pods that own the claim and are not listed yet.
 */
export function podsForClaim(client: DescribeClient, claim: Obj): Obj[] {
  const metadata = obj(claim.metadata);
  const pods = listAll(client, collectionPath('', 'v1', 'pods', str(metadata.namespace))) ?? [];
  const users: Obj[] = [];
  for (const pod of pods) {
    for (const volume of arr(obj(pod.spec).volumes)) {
      if (volume.persistentVolumeClaim && str(obj(volume.persistentVolumeClaim).claimName) === str(metadata.name)) users.push(pod);
    }
  }
  for (const owner of arr(metadata.ownerReferences)) {
    if (owner.kind !== 'Pod') continue;
    const pod = pods.find((candidate) => obj(candidate.metadata).uid === owner.uid);
    if (pod && !users.some((user) => obj(user.metadata).uid === obj(pod.metadata).uid)) users.push(pod);
  }
  return users;
}

/** `describePersistentVolumeClaim`. */
export function describePersistentVolumeClaim(claim: Obj, pods: Obj[], events: Obj[] | undefined, now: number): string {
  const metadata = obj(claim.metadata);
  const spec = obj(claim.spec);
  const status = obj(claim.status);
  const annotations = strMap(metadata.annotations);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  w.write(0, `StorageClass:\t${betaStorageClass in annotations ? annotations[betaStorageClass] : str(spec.storageClassName)}\n`);
  w.write(0, metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${timestampSince(metadata.deletionTimestamp, now)})\n` : `Status:\t${str(status.phase)}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Finalizers:\t${goStringSlice(metadata.finalizers)}\n`);
  const bound = str(spec.volumeName) !== '';
  w.write(0, `Capacity:\t${bound ? quantityText(obj(status.capacity).storage) : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(arr(status.accessModes).map(str)) : ''}\n`);
  if (typeof spec.volumeMode === 'string') w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    const source = obj(spec.dataSource);
    w.write(0, 'DataSource:\n');
    if (typeof source.apiGroup === 'string') w.write(1, `APIGroup:\t${source.apiGroup}\n`);
    w.write(1, `Kind:\t${str(source.kind)}\n`);
    w.write(1, `Name:\t${str(source.name)}\n`);
  }
  w.write(0, 'Used By:\t');
  const names = sortStrings(pods.map((pod) => str(obj(pod.metadata).name)));
  if (names.length === 0) w.writeLine('<none>');
  names.forEach((name, i) => w.write(0, `${i === 0 ? '' : '\t'}${name}\n`));
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describePersistentVolume`. */
export function describePersistentVolume(volume: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(volume.metadata);
  const spec = obj(volume.spec);
  const status = obj(volume.status);
  const annotations = strMap(metadata.annotations);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Finalizers:\t${goStringSlice(metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${betaStorageClass in annotations ? annotations[betaStorageClass] : str(spec.storageClassName)}\n`);
  w.write(0, metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${timestampSince(metadata.deletionTimestamp, now)})\n` : `Status:\t${str(status.phase)}\n`);
  const claim = spec.claimRef ? obj(spec.claimRef) : undefined;
  w.write(0, `Claim:\t${claim ? `${str(claim.namespace)}/${str(claim.name)}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(0, `Access Modes:\t${accessModesString(arr(spec.accessModes).map(str))}\n`);
  if (typeof spec.volumeMode === 'string') w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${quantityText(obj(spec.capacity).storage)}\n`);
  printVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${str(status.message)}\n`);
  w.write(0, 'Source:\n');
  printPersistentVolumeSource(spec, w);
  if (events) describeEvents(events, w, now);
  return w.text();
}

function printVolumeNodeAffinity(w: PrefixWriter, affinity: unknown): void {
  w.write(0, 'Node Affinity:\t');
  const required = obj(affinity).required;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(1, 'Required Terms:\t');
  const terms = arr(obj(required).nodeSelectorTerms);
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const requirements = arr(term.matchExpressions);
    if (requirements.length === 0) w.writeLine('<none>');
    requirements.forEach((requirement, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = arr(requirement.values).map(str);
      const text = `${str(requirement.key)} ${str(requirement.operator).toLowerCase()}`;
      w.write(0, `${values.length > 0 ? `${text} [${values.join(', ')}]` : text}\n`);
    });
  });
}

/** The `Source:` block for the volume types a lab creates; other types print their heading only. */
function printPersistentVolumeSource(spec: Obj, w: PrefixWriter): void {
  if (spec.hostPath) {
    const source = obj(spec.hostPath);
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(source.path)}\n    HostPathType:\t${typeof source.type === 'string' ? source.type : '<none>'}\n`);
  } else if (spec.gcePersistentDisk) {
    const source = obj(spec.gcePersistentDisk);
    w.write(2, 'Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n'
      + `    PDName:\t${str(source.pdName)}\n    FSType:\t${str(source.fsType)}\n    Partition:\t${Number(source.partition ?? 0)}\n    ReadOnly:\t${source.readOnly === true}\n`);
  } else if (spec.awsElasticBlockStore) {
    const source = obj(spec.awsElasticBlockStore);
    w.write(2, 'Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n'
      + `    VolumeID:\t${str(source.volumeID)}\n    FSType:\t${str(source.fsType)}\n    Partition:\t${Number(source.partition ?? 0)}\n    ReadOnly:\t${source.readOnly === true}\n`);
  } else if (spec.nfs) {
    const source = obj(spec.nfs);
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(source.server)}\n    Path:\t${str(source.path)}\n    ReadOnly:\t${source.readOnly === true}\n`);
  } else if (spec.local) {
    w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(obj(spec.local).path)}\n`);
  } else if (spec.csi) {
    const source = obj(spec.csi);
    w.write(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n'
      + `    Driver:\t${str(source.driver)}\n    FSType:\t${str(source.fsType)}\n    VolumeHandle:\t${str(source.volumeHandle)}\n    ReadOnly:\t${source.readOnly === true}\n`);
    printVolumeAttributes(w, strMap(source.volumeAttributes));
  } else {
    w.write(1, '<unknown>\n');
  }
}

const maxAttributeLength = 140;

/** `printCSIPersistentVolumeAttributesMultilineIndent`: later lines repeat the level-2 indent twice. */
function printVolumeAttributes(w: PrefixWriter, attributes: Record<string, string>): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = sortStrings(Object.keys(attributes));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${key}=${attributes[key]}`;
    w.write(2, line.length > maxAttributeLength ? `${line.slice(0, maxAttributeLength)}...\n` : `${line}\n`);
  });
}

/** `describeStorageClass`: annotations and parameters as `k=v` lists. */
export function describeStorageClass(storageClass: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(storageClass.metadata);
  const annotations = strMap(metadata.annotations);
  const isDefault = annotations['storageclass.kubernetes.io/is-default-class'] === 'true'
    || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(0, `Provisioner:\t${str(storageClass.provisioner)}\n`);
  w.write(0, `Parameters:\t${formatLabels(strMap(storageClass.parameters))}\n`);
  const expansion = storageClass.allowVolumeExpansion;
  w.write(0, `AllowVolumeExpansion:\t${typeof expansion === 'boolean' ? (expansion ? 'True' : 'False') : '<unset>'}\n`);
  const options = arr(storageClass.mountOptions).map(str);
  if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const option of options) w.write(1, `${option}\n`);
  }
  if (typeof storageClass.reclaimPolicy === 'string') w.write(0, `ReclaimPolicy:\t${storageClass.reclaimPolicy}\n`);
  if (typeof storageClass.volumeBindingMode === 'string') w.write(0, `VolumeBindingMode:\t${storageClass.volumeBindingMode}\n`);
  if (Array.isArray(storageClass.allowedTopologies)) {
    const terms = arr(storageClass.allowedTopologies);
    w.write(0, 'AllowedTopologies:\t');
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((term, i) => {
        w.write(1, `Term ${i}:\t`);
        const requirements = arr(term.matchLabelExpressions);
        if (requirements.length === 0) w.writeLine('<none>');
        requirements.forEach((requirement, j) => {
          if (j !== 0) w.write(1, '\t');
          const values = arr(requirement.values).map(str);
          w.write(0, `${str(requirement.key)} in${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
