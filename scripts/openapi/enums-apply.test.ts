import { describe, expect, it } from 'vitest';
import { addEnums, describeEnum, enumDescriptionLines } from './enums-apply.ts';
import { generateOpenapi } from './generate.ts';

describe('enum descriptions', () => {
  it.each([
    ['core/v1.RestartPolicy', [' - `"Always"`', ' - `"Never"`', ' - `"OnFailure"`']],
    ['core/v1.Protocol', [' - `"SCTP"` is the SCTP protocol.', ' - `"TCP"` is the TCP protocol.', ' - `"UDP"` is the UDP protocol.']],
  ])('%s', (enumType, lines) => {
    expect(enumDescriptionLines(enumType)).toEqual(lines);
  });

  it('appends a paragraph to the field description', () => {
    expect(describeEnum('Restart policy.', 'core/v1.RestartPolicy'))
      .toBe('Restart policy.\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`');
  });

  it('puts enum on the property itself, and on the items of a list of an enum type', () => {
    const schemas: Record<string, Record<string, unknown>> = {
      'io.k8s.api.core.v1.PodSpec': { properties: { restartPolicy: { type: 'string' } } },
      'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { properties: { accessModes: { description: 'modes', items: { default: '', type: 'string' }, type: 'array' } } },
    };
    expect(addEnums(schemas)).toBe(2);
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties).toEqual({
      restartPolicy: { type: 'string', enum: ['Always', 'Never', 'OnFailure'], description: 'Possible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`' },
    });
    const accessModes = (schemas['io.k8s.api.core.v1.PersistentVolumeClaimSpec'].properties as Record<string, Record<string, unknown>>).accessModes;
    expect(accessModes.description).toBe('modes');
    expect(accessModes.items).toEqual({ default: '', type: 'string', enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] });
  });
});

describe('generated documents', () => {
  const generated = generateOpenapi();
  const schema = (path: string, name: string) => generated.documents[path].components.schemas[name] as Record<string, unknown>;
  const property = (path: string, name: string, field: string) => (schema(path, name).properties as Record<string, Record<string, unknown>>)[field];

  it('serves every new group version', () => {
    for (const path of ['apis/apiregistration.k8s.io/v1', 'apis/certificates.k8s.io/v1', 'apis/flowcontrol.apiserver.k8s.io/v1', 'apis/node.k8s.io/v1']) {
      expect(Object.keys(generated.documents)).toContain(path);
    }
  });

  it('describes restartPolicy with its enum as the v1.32 API server does', () => {
    expect(property('api/v1', 'io.k8s.api.core.v1.PodSpec', 'restartPolicy').enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(property('api/v1', 'io.k8s.api.core.v1.Container', 'imagePullPolicy').description).toMatch(
      /\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image\. Container will fail If the pull fails\.\n - `"IfNotPresent"` /,
    );
  });

  it('has APIService with its list semantics and group-version-kind', () => {
    const path = 'apis/apiregistration.k8s.io/v1';
    expect(schema(path, 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService')['x-kubernetes-group-version-kind'])
      .toEqual([{ group: 'apiregistration.k8s.io', kind: 'APIService', version: 'v1' }]);
    expect(property(path, 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceStatus', 'conditions')).toMatchObject({
      'x-kubernetes-list-map-keys': ['type'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'type', 'x-kubernetes-patch-strategy': 'merge',
    });
  });

  it('marks NodeSelectorTerm atomic and keys allocatedResourcesStatus by name', () => {
    expect(schema('api/v1', 'io.k8s.api.core.v1.NodeSelectorTerm')['x-kubernetes-map-type']).toBe('atomic');
    expect(property('api/v1', 'io.k8s.api.core.v1.ContainerStatus', 'allocatedResourcesStatus')).toMatchObject({
      'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
    });
    expect(property('api/v1', 'io.k8s.api.core.v1.ResourceStatus', 'resources')).toMatchObject({ 'x-kubernetes-list-map-keys': ['resourceID'], 'x-kubernetes-list-type': 'map' });
    expect(property('api/v1', 'io.k8s.api.core.v1.LinuxContainerUser', 'supplementalGroups')['x-kubernetes-list-type']).toBe('atomic');
  });
});
