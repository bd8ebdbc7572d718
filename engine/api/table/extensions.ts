/**
 * Printers for the cluster plumbing kinds: admission webhook configurations, APIService (its
 * convertor lives in kube-aggregator's registry, not printers.go), CertificateSigningRequest,
 * FlowSchema, PriorityLevelConfiguration, RuntimeClass and the storage.k8s.io CSI kinds and
 * VolumeAttachment, with the columns and cells of v1.32.
 */
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from 'kubernetes-types/admissionregistration/v1';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { FlowSchema, PriorityLevelConfiguration } from 'kubernetes-types/flowcontrol/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import type { CSIDriver, CSINode, CSIStorageCapacity, VolumeAttachment } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../types.ts';
import { ageColumn, column, integer, nameColumn, nameOf, text } from './columns.ts';
import { humanDuration, timestampSince } from './duration.ts';
import { extensionDocs } from './extension-docs.ts';
import { quantityString } from './quantity.ts';
import type { Cell, Printer } from './types.ts';

const doc = (key: keyof typeof extensionDocs): { text: string } => ({ text: extensionDocs[key] });
const boolean = (name: string, key: keyof typeof extensionDocs) => column(name, 'boolean', doc(key));
const webhooksColumn = integer('Webhooks', { text: 'Webhooks indicates the number of webhooks registered in this configuration' });

/** MutatingWebhookConfiguration: NAME WEBHOOKS AGE. */
export const mutatingWebhookConfigurationPrinter: Printer = {
  columns: [nameColumn, webhooksColumn, ageColumn],
  print(object, { now }) {
    const config = object as MutatingWebhookConfiguration;
    return { cells: [nameOf(config), (config.webhooks ?? []).length, timestampSince(config.metadata?.creationTimestamp, now)] };
  },
};

/** ValidatingWebhookConfiguration: NAME WEBHOOKS AGE. */
export const validatingWebhookConfigurationPrinter: Printer = {
  columns: [nameColumn, webhooksColumn, ageColumn],
  print(object, { now }) {
    const config = object as ValidatingWebhookConfiguration;
    return { cells: [nameOf(config), (config.webhooks ?? []).length, timestampSince(config.metadata?.creationTimestamp, now)] };
  },
};

interface APIServiceShape {
  metadata?: { name?: string; creationTimestamp?: string | null };
  spec?: { service?: { namespace?: string; name?: string } | null };
  status?: { conditions?: { type?: string; status?: string; reason?: string }[] };
}

/**
 * APIService: NAME SERVICE AVAILABLE AGE. SERVICE is `Local` for a group the API server serves
 * itself, else `namespace/name`; AVAILABLE is `True`, `False (Reason)` or `Unknown`.
 */
export const apiServicePrinter: Printer = {
  columns: [
    nameColumn,
    text('Service', { text: 'The reference to the service that hosts this API endpoint.' }),
    text('Available', { text: 'Whether this service is available.' }),
    ageColumn,
  ],
  print(object, { now }) {
    const apiService = object as APIServiceShape;
    const service = apiService.spec?.service;
    const available = (apiService.status?.conditions ?? []).find((c) => c.type === 'Available');
    let status = 'Unknown';
    if (available) {
      const value = available.status ?? '';
      status = value !== 'True' && available.reason ? `${value} (${available.reason})` : value;
    }
    return {
      cells: [nameOf(apiService), service ? `${service.namespace ?? ''}/${service.name ?? ''}` : 'Local', status, timestampSince(apiService.metadata?.creationTimestamp, now)],
    };
  },
};

/** extractCSRStatus: Denied beats Approved beats Pending, then `,Failed` and `,Issued`. */
export function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

/** CertificateSigningRequest: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION. */
export const certificateSigningRequestPrinter: Printer = {
  columns: [
    nameColumn,
    ageColumn,
    text('SignerName', doc('certificates/v1beta1 CertificateSigningRequestSpec.signerName')),
    text('Requestor', doc('certificates/v1beta1 CertificateSigningRequestSpec.request')),
    text('RequestedDuration', doc('certificates/v1beta1 CertificateSigningRequestSpec.expirationSeconds')),
    text('Condition', doc('certificates/v1beta1 CertificateSigningRequestStatus.conditions')),
  ],
  print(object, { now }) {
    const csr = object as unknown as CertificateSigningRequest;
    const seconds = csr.spec?.expirationSeconds;
    return {
      cells: [
        nameOf(csr),
        timestampSince(csr.metadata?.creationTimestamp, now),
        csr.spec?.signerName || '<none>',
        csr.spec?.username ?? '',
        typeof seconds === 'number' ? humanDuration(seconds * 1000) : '<none>',
        csrCondition(csr),
      ],
    };
  },
};

/** FlowSchemaSequence: lower matchingPrecedence first, then by name. */
function flowSchemaOrder(objects: KubeObject[]): KubeObject[] {
  const precedence = (o: KubeObject): number => (o as FlowSchema).spec?.matchingPrecedence ?? 0;
  const name = (o: KubeObject): string => o.metadata?.name ?? '';
  return [...objects].sort((a, b) => precedence(a) - precedence(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/**
 * FlowSchema: NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL. MISSINGPL is
 * the Dangling condition's status (`False` once the APF controller has seen the level), `?` before.
 * A list prints in matching order, which is the order the API server tries the schemas in.
 */
export const flowSchemaPrinter: Printer = {
  columns: [
    nameColumn,
    text('PriorityLevel', doc('flowcontrol/v1 PriorityLevelConfigurationReference.name')),
    text('MatchingPrecedence', doc('flowcontrol/v1 FlowSchemaSpec.matchingPrecedence')),
    text('DistinguisherMethod', doc('flowcontrol/v1 FlowSchemaSpec.distinguisherMethod')),
    ageColumn,
    text('MissingPL', { text: 'references a broken or non-existent PriorityLevelConfiguration' }),
  ],
  order: flowSchemaOrder,
  print(object, { now }) {
    const schema = object as FlowSchema;
    const dangling = (schema.status?.conditions ?? []).find((c) => c.type === 'Dangling');
    return {
      cells: [
        nameOf(schema),
        schema.spec?.priorityLevelConfiguration?.name ?? '',
        schema.spec?.matchingPrecedence ?? 0,
        schema.spec?.distinguisherMethod ? schema.spec.distinguisherMethod.type ?? '' : '<none>',
        timestampSince(schema.metadata?.creationTimestamp, now),
        dangling ? dangling.status ?? '' : '?',
      ],
    };
  },
};

/** PriorityLevelConfiguration: NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE (`<none>` where not limited or not queuing). */
export const priorityLevelConfigurationPrinter: Printer = {
  columns: [
    nameColumn,
    text('Type', doc('flowcontrol/v1 PriorityLevelConfigurationSpec.type')),
    text('NominalConcurrencyShares', doc('flowcontrol/v1 LimitedPriorityLevelConfiguration.nominalConcurrencyShares')),
    text('Queues', doc('flowcontrol/v1 QueuingConfiguration.queues')),
    text('HandSize', doc('flowcontrol/v1 QueuingConfiguration.handSize')),
    text('QueueLengthLimit', doc('flowcontrol/v1 QueuingConfiguration.queueLengthLimit')),
    ageColumn,
  ],
  print(object, { now }) {
    const level = object as PriorityLevelConfiguration;
    const limited = level.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    const cells: Cell[] = [nameOf(level), level.spec?.type ?? '', '<none>', '<none>', '<none>', '<none>'];
    if (limited) {
      cells[2] = limited.nominalConcurrencyShares ?? 0;
      if (queuing) cells.splice(3, 3, queuing.queues ?? 0, queuing.handSize ?? 0, queuing.queueLengthLimit ?? 0);
    }
    cells.push(timestampSince(level.metadata?.creationTimestamp, now));
    return { cells };
  },
};

/** RuntimeClass: NAME HANDLER AGE. (Upstream describes HANDLER with ObjectMeta's doc for `handler`, which is empty.) */
export const runtimeClassPrinter: Printer = {
  columns: [nameColumn, text('Handler', { text: '' }), ageColumn],
  print(object, { now }) {
    const runtimeClass = object as unknown as RuntimeClass;
    return { cells: [nameOf(runtimeClass), runtimeClass.handler ?? '', timestampSince(runtimeClass.metadata?.creationTimestamp, now)] };
  },
};

/** CSIDriver: NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE. */
export const csiDriverPrinter: Printer = {
  columns: [
    nameColumn,
    boolean('AttachRequired', 'storage/v1 CSIDriverSpec.attachRequired'),
    boolean('PodInfoOnMount', 'storage/v1 CSIDriverSpec.podInfoOnMount'),
    boolean('StorageCapacity', 'storage/v1 CSIDriverSpec.storageCapacity'),
    text('TokenRequests', doc('storage/v1 CSIDriverSpec.tokenRequests')),
    boolean('RequiresRepublish', 'storage/v1 CSIDriverSpec.requiresRepublish'),
    text('Modes', doc('storage/v1 CSIDriverSpec.volumeLifecycleModes')),
    ageColumn,
  ],
  print(object, { now }) {
    const driver = object as unknown as CSIDriver;
    const spec = driver.spec;
    const modes = (spec?.volumeLifecycleModes ?? []).join(',');
    // A nil list prints <unset>; an empty one (after defaulting, rare) prints an empty cell.
    const tokenRequests = spec?.tokenRequests ? spec.tokenRequests.map((t) => t.audience).join(',') : '<unset>';
    return {
      cells: [
        nameOf(driver), spec?.attachRequired ?? true, spec?.podInfoOnMount ?? false, spec?.storageCapacity ?? false,
        tokenRequests, spec?.requiresRepublish ?? false, modes || '<none>', timestampSince(driver.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** CSINode: NAME DRIVERS AGE. */
export const csiNodePrinter: Printer = {
  columns: [nameColumn, integer('Drivers', { text: 'Drivers indicates the number of CSI drivers registered on the node' }), ageColumn],
  print(object, { now }) {
    const node = object as unknown as CSINode;
    return { cells: [nameOf(node), (node.spec?.drivers ?? []).length, timestampSince(node.metadata?.creationTimestamp, now)] };
  },
};

/** CSIStorageCapacity: NAME STORAGECLASSNAME CAPACITY (no AGE upstream). */
export const csiStorageCapacityPrinter: Printer = {
  columns: [
    nameColumn,
    text('StorageClassName', doc('storage/v1 CSIStorageCapacity.storageClassName')),
    text('Capacity', doc('storage/v1 CSIStorageCapacity.capacity')),
  ],
  print(object) {
    const capacity = object as unknown as CSIStorageCapacity;
    const value = capacity.capacity;
    return { cells: [nameOf(capacity), capacity.storageClassName ?? '', value === undefined || value === null ? '<unset>' : quantityString(value)] };
  },
};

/** VolumeAttachment: NAME ATTACHER PV NODE ATTACHED AGE (upstream gives ATTACHER the `name` format, too). */
export const volumeAttachmentPrinter: Printer = {
  columns: [
    nameColumn,
    column('Attacher', 'string', doc('storage/v1 VolumeAttachmentSpec.attacher'), 0, 'name'),
    text('PV', doc('storage/v1 VolumeAttachmentSource.persistentVolumeName')),
    text('Node', doc('storage/v1 VolumeAttachmentSpec.nodeName')),
    boolean('Attached', 'storage/v1 VolumeAttachmentStatus.attached'),
    ageColumn,
  ],
  print(object, { now }) {
    const attachment = object as unknown as VolumeAttachment;
    return {
      cells: [
        nameOf(attachment), attachment.spec?.attacher ?? '', attachment.spec?.source?.persistentVolumeName ?? '',
        attachment.spec?.nodeName ?? '', attachment.status?.attached ?? false, timestampSince(attachment.metadata?.creationTimestamp, now),
      ],
    };
  },
};
