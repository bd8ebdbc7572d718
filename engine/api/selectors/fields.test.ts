import { describe, expect, it } from 'vitest';
import type { FieldResource } from './fields.ts';
import { fieldSelectorString, fieldsOf, matchFields, parseFieldSelector, parseFieldSelectorFor } from './fields.ts';

const pods: FieldResource = { group: '', kind: 'Pod', namespaced: true };
const nodes: FieldResource = { group: '', kind: 'Node', namespaced: false };
const replicaSets: FieldResource = { group: 'apps', kind: 'ReplicaSet', namespaced: true };
const jobs: FieldResource = { group: 'batch', kind: 'Job', namespaced: true };
const events: FieldResource = { group: '', kind: 'Event', namespaced: true };
const eventsV1: FieldResource = { group: 'events.k8s.io', kind: 'Event', namespaced: true };
const crontabs: FieldResource = { group: 'stable.example.com', kind: 'CronTab', namespaced: true, custom: true, selectableFields: ['.spec.color'] };

describe('parseFieldSelector', () => {
  it.each([
    ['status.phase=Running', 'status.phase=Running'],
    ['status.phase==Running', 'status.phase=Running'],
    ['spec.nodeName!=node-1,status.phase=Running', 'spec.nodeName!=node-1,status.phase=Running'],
    ['status.phase=Running,metadata.name=web', 'metadata.name=web,status.phase=Running'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'],
    ['metadata.name=', 'metadata.name='],
    ['', ''],
    [',metadata.name=x,', 'metadata.name=x'],
  ])('%j prints as %j', (input, printed) => {
    const result = parseFieldSelector(input);
    if (!result.ok) throw new Error(result.message);
    expect(fieldSelectorString(result.value)).toBe(printed);
  });

  it('unescapes values', () => {
    expect(parseFieldSelector('metadata.name=a\\=b\\\\c')).toEqual({
      ok: true, value: { requirements: [{ field: 'metadata.name', operator: '=', value: 'a=b\\c' }] },
    });
  });

  it.each([
    ['status.phase', "invalid selector: 'status.phase'; can't understand 'status.phase'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['metadata.name=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['metadata.name=a\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['metadata.name=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j fails with %j', (input, message) => {
    expect(parseFieldSelector(input)).toEqual({ ok: false, message });
  });
});

describe('parseFieldSelectorFor: which fields each kind accepts', () => {
  it.each([
    [pods, 'status.phase=Running,spec.nodeName=node-1', true],
    [pods, 'spec.host=node-1', true],
    [pods, 'status.podIPs=10.0.0.1', true],
    [nodes, 'spec.unschedulable=true', true],
    [events, 'involvedObject.name=web,involvedObject.uid=1,involvedObject.namespace=default', true],
    [eventsV1, 'regarding.name=web,reportingController=kubelet', true],
    [jobs, 'status.successful=1', true],
    [crontabs, 'spec.color=red,metadata.namespace=default', true],
  ])('%o accepts %j', (resource, input, ok) => {
    expect(parseFieldSelectorFor(resource, input).ok).toBe(ok);
  });

  it.each([
    [pods, 'status.hostIP=10.0.0.1', 'field label not supported: status.hostIP'],
    [nodes, 'metadata.namespace=default', 'field label not supported: metadata.namespace'],
    [replicaSets, 'status.replicas=0', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    [jobs, 'status.succeeded=1', 'field label "status.succeeded" not supported for batchv1.Job'],
    [eventsV1, 'involvedObject.name=web', 'field label not supported: involvedObject.name'],
    [crontabs, 'spec.size=3', 'field label not supported: spec.size'],
  ])('%o refuses %j', (resource, input, message) => {
    expect(parseFieldSelectorFor(resource, input)).toEqual({ ok: false, message });
  });

  it('renames legacy and events.k8s.io labels to the selectable field names', () => {
    const pod = parseFieldSelectorFor(pods, 'spec.host=node-1');
    const event = parseFieldSelectorFor(eventsV1, 'regarding.name=web');
    expect(pod.ok && fieldSelectorString(pod.value)).toBe('spec.nodeName=node-1');
    expect(event.ok && fieldSelectorString(event.value)).toBe('involvedObject.name=web');
  });
});

describe('fieldsOf', () => {
  it('builds the selectable fields of a pod', () => {
    const pod = {
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
      status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
    };
    expect(fieldsOf(pods, pod)).toEqual({
      'metadata.name': 'web-1', 'metadata.namespace': 'default',
      'spec.nodeName': 'node-1', 'spec.restartPolicy': 'Always', 'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default', 'spec.hostNetwork': 'false',
      'status.phase': 'Running', 'status.podIP': '10.244.1.5', 'status.nominatedNodeName': '',
    });
  });

  it.each([
    [nodes, { metadata: { name: 'node-1' }, spec: { unschedulable: true } }, { 'metadata.name': 'node-1', 'spec.unschedulable': 'true' }],
    [jobs, { metadata: { name: 'pi', namespace: 'default' }, status: { succeeded: 1 } },
      { 'metadata.name': 'pi', 'metadata.namespace': 'default', 'status.successful': '1' }],
    [crontabs, { metadata: { name: 'c', namespace: 'default' }, spec: { color: 'red' } },
      { 'metadata.name': 'c', 'metadata.namespace': 'default', 'spec.color': 'red' }],
    [{ group: '', kind: 'ConfigMap', namespaced: true }, { metadata: { name: 'cfg', namespace: 'ns' }, data: {} },
      { 'metadata.name': 'cfg', 'metadata.namespace': 'ns' }],
  ])('%o', (resource, object, expected) => {
    expect(fieldsOf(resource, object)).toEqual(expected);
  });

  it('fills an event\'s source from the reporting controller when it has none', () => {
    const event = { metadata: { name: 'e', namespace: 'default' }, regarding: { kind: 'Pod', name: 'web' }, reason: 'Pulled', reportingController: 'kubelet', type: 'Normal' };
    expect(fieldsOf(eventsV1, event)).toMatchObject({
      'involvedObject.kind': 'Pod', 'involvedObject.name': 'web', 'involvedObject.uid': '',
      reason: 'Pulled', reportingComponent: 'kubelet', source: 'kubelet', type: 'Normal',
    });
  });
});

describe('matchFields', () => {
  const fields = { 'metadata.name': 'web', 'status.phase': 'Running' };
  it.each([
    ['status.phase=Running', true],
    ['status.phase!=Running', false],
    ['status.phase=Running,metadata.name=db', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=node-1', true],
  ])('%j → %s', (input, expected) => {
    const parsed = parseFieldSelector(input);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(matchFields(parsed.value, fields)).toBe(expected);
  });
});
