/**
 * Defaults of the cluster plumbing kinds: admission webhook configurations
 * (pkg/apis/admissionregistration/v1/defaults.go), APIService (kube-aggregator's
 * apiregistration/v1), FlowSchema and PriorityLevelConfiguration (pkg/apis/flowcontrol/v1) and
 * CSIDriver (pkg/apis/storage/v1), as of v1.32. CertificateSigningRequest, RuntimeClass, CSINode,
 * CSIStorageCapacity and VolumeAttachment have no defaulting functions of their own upstream.
 */
import { child, ensure, isUnset, items, setDefault, type Obj } from './util.ts';

/** `SetDefaults_Rule` (scope `*`) and `SetDefaults_ServiceReference` (port 443) inside one webhook. */
function defaultWebhookParts(hook: Obj): void {
  for (const rule of items(hook, 'rules')) setDefault(rule, 'scope', '*');
  const service = child(child(hook, 'clientConfig') ?? {}, 'service');
  if (service) setDefault(service, 'port', 443);
}

/**
 * `SetDefaults_ValidatingWebhook`: fail closed, match equivalent requests, select everything, wait
 * ten seconds. sideEffects and admissionReviewVersions have no default in v1: validation asks for them.
 */
function defaultWebhook(hook: Obj): void {
  setDefault(hook, 'failurePolicy', 'Fail');
  setDefault(hook, 'matchPolicy', 'Equivalent');
  setDefault(hook, 'namespaceSelector', {});
  setDefault(hook, 'objectSelector', {});
  setDefault(hook, 'timeoutSeconds', 10);
  defaultWebhookParts(hook);
}

/** ValidatingWebhookConfiguration: every webhook gets the v1 webhook defaults. */
export function defaultValidatingWebhookConfiguration(obj: Obj): void {
  for (const hook of items(obj, 'webhooks')) defaultWebhook(hook);
}

/** MutatingWebhookConfiguration: as validating, plus reinvocationPolicy Never. */
export function defaultMutatingWebhookConfiguration(obj: Obj): void {
  for (const hook of items(obj, 'webhooks')) {
    defaultWebhook(hook);
    setDefault(hook, 'reinvocationPolicy', 'Never');
  }
}

/** APIService: a service reference without a port points at 443. */
export function defaultAPIService(obj: Obj): void {
  const service = child(ensure(obj, 'spec'), 'service');
  if (service) setDefault(service, 'port', 443);
}

/** FlowSchema: matchingPrecedence 1000 when unset or 0 (the Go zero value means unset here). */
export function defaultFlowSchema(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  if (isUnset(spec.matchingPrecedence) || spec.matchingPrecedence === 0) spec.matchingPrecedence = 1000;
}

/**
 * PriorityLevelConfiguration: an exempt level lends and is nominally given nothing (0, 0); a limited
 * one gets 30 shares (an explicit 0 stays, the field is a pointer) and lends 0%; queuing gets
 * 64 queues, hand size 8 and 50 requests per queue where they are 0.
 */
export function defaultPriorityLevelConfiguration(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  const exempt = child(spec, 'exempt');
  if (exempt) {
    setDefault(exempt, 'nominalConcurrencyShares', 0);
    setDefault(exempt, 'lendablePercent', 0);
  }
  const limited = child(spec, 'limited');
  if (!limited) return;
  setDefault(limited, 'nominalConcurrencyShares', 30);
  setDefault(limited, 'lendablePercent', 0);
  const queuing = child(child(limited, 'limitResponse') ?? {}, 'queuing');
  if (!queuing) return;
  for (const [key, value] of [['handSize', 8], ['queues', 64], ['queueLengthLimit', 50]] as const) {
    if (isUnset(queuing[key]) || queuing[key] === 0) queuing[key] = value;
  }
}

/**
 * CSIDriver: attach required, no pod info, no capacity tracking, no republish, fsGroup applied for
 * ReadWriteOnce volumes with an fsType, Persistent volumes only, and (SELinuxMountReadWriteOncePod
 * is on by default in v1.32) no SELinux mount option.
 */
export function defaultCSIDriver(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'attachRequired', true);
  setDefault(spec, 'podInfoOnMount', false);
  setDefault(spec, 'storageCapacity', false);
  setDefault(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) spec.volumeLifecycleModes = ['Persistent'];
  setDefault(spec, 'requiresRepublish', false);
  setDefault(spec, 'seLinuxMount', false);
}

/** The defaulters above by `group/Kind`, for apply-defaults.ts to merge into its table. */
export const extensionDefaulters: Record<string, (obj: Obj) => void> = {
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': defaultMutatingWebhookConfiguration,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': defaultValidatingWebhookConfiguration,
  'apiregistration.k8s.io/APIService': defaultAPIService,
  'flowcontrol.apiserver.k8s.io/FlowSchema': defaultFlowSchema,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': defaultPriorityLevelConfiguration,
  'storage.k8s.io/CSIDriver': defaultCSIDriver,
};
