/**
 * The selectable fields of an object: the `fields.Set` each registry strategy's
 * `ToSelectableFields` builds (pkg/registry/core/pod/strategy.go and friends). A field selector is
 * matched against this set, never against the object itself, so values are strings exactly as Go
 * formats them (`spec.hostNetwork` is "true"/"false", `status.replicas` a decimal).
 */
import type { FieldResource } from './fields.ts';

type Fields = Record<string, string>;
type Extract = (object: Record<string, unknown>) => Fields;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Go's strconv.Itoa of an int32 field that defaults to 0. */
function integer(value: unknown): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : '0';
}

/** `involvedObject.*` fields of a core Event, or of an events.k8s.io Event's `regarding`. */
function eventFields(reference: Record<string, unknown>, reason: unknown, reportingController: unknown, sourceComponent: unknown, type: unknown): Fields {
  const fields: Fields = {};
  for (const f of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']) {
    fields[`involvedObject.${f}`] = text(reference[f]);
  }
  fields.reason = text(reason);
  fields.reportingComponent = text(reportingController);
  // Events from the events.k8s.io API have no source; Kubernetes falls back to the reporting controller.
  fields.source = text(sourceComponent) || text(reportingController);
  fields.type = text(type);
  return fields;
}

const extractors: Record<string, Extract> = {
  '/Pod': (pod) => {
    const spec = record(pod.spec);
    const status = record(pod.status);
    const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
    return {
      'spec.nodeName': text(spec.nodeName),
      'spec.restartPolicy': text(spec.restartPolicy),
      'spec.schedulerName': text(spec.schedulerName),
      'spec.serviceAccountName': text(spec.serviceAccountName),
      'spec.hostNetwork': spec.hostNetwork === true ? 'true' : 'false',
      'status.phase': text(status.phase),
      // The first of podIPs, as the internal type only keeps the list.
      'status.podIP': podIPs.length > 0 ? text(record(podIPs[0]).ip) : text(status.podIP),
      'status.nominatedNodeName': text(status.nominatedNodeName),
    };
  },
  '/Node': (node) => ({ 'spec.unschedulable': record(node.spec).unschedulable === true ? 'true' : 'false' }),
  '/Namespace': (namespace) => ({ 'status.phase': text(record(namespace.status).phase) }),
  '/Secret': (secret) => ({ type: text(secret.type) }),
  '/Service': (service) => ({ 'spec.clusterIP': text(record(service.spec).clusterIP), 'spec.type': text(record(service.spec).type) }),
  '/ReplicationController': (rc) => ({ 'status.replicas': integer(record(rc.status).replicas) }),
  // Listed by the registry, although apps/v1 refuses the selector (see convertFieldSelector).
  'apps/ReplicaSet': (rs) => ({ 'status.replicas': integer(record(rs.status).replicas) }),
  'batch/Job': (job) => ({ 'status.successful': integer(record(job.status).succeeded) }),
  '/Event': (event) => eventFields(
    record(event.involvedObject), event.reason, event.reportingComponent, record(event.source).component, event.type,
  ),
  'events.k8s.io/Event': (event) => eventFields(
    record(event.regarding), event.reason, event.reportingController, record(event.deprecatedSource).component, event.type,
  ),
};

/** Reads a CRD `selectableFields` JSON path such as `.spec.color`; values print as Go's fmt.Sprint would. */
function customField(object: Record<string, unknown>, jsonPath: string): string {
  let value: unknown = object;
  for (const name of jsonPath.replace(/^\./, '').split('.')) value = record(value)[name];
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `ToSelectableFields`: `metadata.name`, `metadata.namespace` for namespaced kinds, and the
 * kind's own fields, for matching with `matchFields`.
 */
export function fieldsOf(resource: FieldResource, object: Record<string, unknown>): Record<string, string> {
  const metadata = record(object.metadata);
  const fields: Fields = { 'metadata.name': text(metadata.name) };
  if (resource.namespaced) fields['metadata.namespace'] = text(metadata.namespace);
  if (resource.custom) {
    for (const path of resource.selectableFields ?? []) fields[path.replace(/^\./, '')] = customField(object, path);
    return fields;
  }
  const extract = extractors[`${resource.group}/${resource.kind}`];
  return extract ? { ...extract(object), ...fields } : fields;
}
