/**
 * Files whose outcome under the real kubectl 1.32 against a v1.32 API server differs from what
 * EXPECTED.tsv says, each with the reason. EXPECTED.tsv follows the website's own test, which
 * decodes leniently (unknown fields dropped) and runs the newest Kubernetes; `kubectl apply`
 * validates strictly by default (`fieldValidation=Strict`) and v1.32 lacks later features.
 */
export const knownDifferences: Record<string, { accept: boolean; text?: string; why: string }> = {
  'storage/storageclass/storageclass-topology.yaml': {
    accept: false,
    text: 'The StorageClass "standard" is invalid',
    why: 'the default cluster, like kind, already has StorageClass "standard" (local-path); its provisioner and parameters cannot change',
  },
  'application/job/job-tmpl.yaml': {
    accept: false,
    text: 'metadata.name: Invalid value: "process-item-$ITEM"',
    why: 'a template for sed: the name is not valid until $ITEM is replaced',
  },
  'deployments/deployment-with-capacity-reservation.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].labelSelector"',
    why: 'labelSelector and topologyKey belong under podAffinityTerm; strict validation refuses them',
  },
  'pods/emptydir-volume-mode.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.volumes[0].emptyDir.mode"',
    why: 'emptyDir has no mode field in v1.32',
  },
  'pods/pod-with-numeric-toleration.yaml': {
    accept: false,
    text: 'spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"',
    why: 'numeric toleration operators (Gt, Lt) came after v1.32',
  },
  'pods/security/security-context-7.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.containers[0].securityContext.cgroupOptions"',
    why: 'cgroupOptions is not a field of SecurityContext in v1.32',
  },
  'policy/quota-vac.yaml': {
    accept: false,
    text: 'spec.scopeSelector.matchExpressions.scopeName: Invalid value: "VolumeAttributesClass": unsupported scope',
    why: 'the VolumeAttributesClass quota scope came after v1.32',
  },
  'pods/restart-policy/restart-all-containers.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.initContainers[1].restartPolicyRules"',
    why: 'container restart policy rules came after v1.32',
  },
  'pods/storage/projected-podcertificate.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.volumes[0].projected.sources[0].podCertificate"',
    why: 'podCertificate projections came after v1.32',
  },
  'service/networking/dual-stack-ipv6-svc.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.ipFamily"',
    why: 'spec.ipFamily was removed before v1.20 (as in dual-stack-ipv6-lb-svc.yaml, which EXPECTED.tsv rejects)',
  },
  'controllers/job-success-policy-example.yaml': {
    accept: false,
    text: 'resource name may not be empty',
    why: 'kubectl apply looks the object up by name first, so kubectl itself stops before the server says "metadata.name: Required value"',
  },
  'pods/inject/envars-file-container.yaml': {
    accept: false,
    text: 'strict decoding error: unknown field "spec.containers[0].env[0].valueFrom.fileKeyRef"',
    why: 'kubectl 1.32 reads the \\\' escape; the file is refused for fileKeyRef, which came after v1.32',
  },
  'storage/storage-version-migration-status.yaml': {
    accept: false,
    text: 'no matches for kind "StorageVersionMigration" in version "storagemigration.k8s.io/v1alpha1"',
    why: 'the alpha API is not served in v1.32, so resource mapping fails before the server sees resourceVersion',
  },
  'storage/storage-version-migration-status02.yaml': {
    accept: false,
    text: 'no matches for kind "StorageVersionMigration" in version "storagemigration.k8s.io/v1alpha1"',
    why: 'the alpha API is not served in v1.32, so resource mapping fails before the server sees resourceVersion',
  },
};
