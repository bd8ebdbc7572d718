/**
 * Every command of the scenarios whose output still differs between the real kubectl and the
 * emulator, with the reason. The harness fails on a difference that is not listed here, so a new
 * regression cannot hide; tests/fidelity/README.md explains each group.
 */
import type { CommandResult } from './runner.ts';

/** The key of a command in the table: `scenario: kubectl …`. */
export function differenceKey(result: Pick<CommandResult, 'scenario' | 'line'>): string {
  return `${result.scenario}: ${result.line}`;
}

const dispatcher =
  "root-level errors follow the PATH's kubectl dispatcher (cobra's `Error: \u2026`, klog `command failed` lines), not kubectl 1.32's `error: \u2026` (session.ts/flags.ts)";
const generators =
  "create generator the emulator does not have yet";
const token =
  "the API server has no serviceaccounts/token subresource (real: \"the server does not allow this method\"); the emulator refuses `create token` itself";
const typed_json =
  "create generators print typed objects: real JSON follows Go struct order (kind, apiVersion, metadata, \u2026), the emulator sorts keys";
const json_sniff =
  "kubectl reads a file that starts with `{` as JSON (YAMLOrJSONDecoder), so YAML flow style fails to parse; the emulator reads it as YAML (write-support.ts)";
const go_template =
  "Go templates are not supported in the lab (a deliberate refusal)";
const rollout =
  "not in the emulator yet: rollout history of a StatefulSet, and rollout history -o (rollout-history.ts)";
const sort_ties =
  "events with the same name suffix: --sort-by ties come out in a different order (kubectl sorts with an unstable sort)";
const kubeconfig_path =
  "config delete-context is not in the lab (its message names the kubeconfig file)";
const cluster_info_dump =
  "cluster-info dump is not in the lab";
const logs_order =
  "kubectl logs --all-containers reads the containers from a Go map, so the real order changes from run to run; the emulator prints them in pod order";
const list_selector_error =
  "a bad label or field selector: real kubectl wraps the server error as `Unable to find \"/v1, Resource=pods\" that match label selector \u2026` (get.ts)";
const apply_validation =
  "apply of a document without kind (client-side \"kind not set\" validation) or without a name (\"error when retrieving current configuration of: \u2026\") is not checked as kubectl does (write-support.ts/apply.ts)";
const rv =
  "patch --dry-run=client: kubectl patches locally, the emulator asks the server with dryRun=All, and the engine spends a resourceVersion on a dry-run write (engine/api), so later resourceVersions are one higher";

/** `scenario: kubectl …` → why it still differs. */
export const knownDifferences: Record<string, string> = {
  "08-errors: kubectl get pods --foo": dispatcher,
  "08-errors: kubectl gett pods": dispatcher,
  "08-errors: kubectl get pods -n": dispatcher,
  "08-errors: kubectl get pods -x": dispatcher,
  "08-errors: kubectl foo": dispatcher,
  "08-errors: kubectl describ": dispatcher,
  "08-errors: kubectl --foo get": dispatcher,
  "08-errors: kubectl scale deploy coredns -n kube-system --replicas=abc": dispatcher,
  "03-apply-create-delete: kubectl create deployment noimage": dispatcher,
  "04-patch-label-scale: kubectl scale deploy web": dispatcher,
  "04-patch-label-scale: kubectl run noimage": dispatcher,
  "03-apply-create-delete: kubectl create secret docker-registry reg --docker-server=r.example.com --docker-username=u --docker-password=p": generators,
  "03-apply-create-delete: kubectl create service externalname ext --external-name=example.com": generators,
  "03-apply-create-delete: kubectl create serviceaccount builder": generators,
  "03-apply-create-delete: kubectl create role reader --verb=get,list --resource=pods": generators,
  "03-apply-create-delete: kubectl create rolebinding reads --role=reader --serviceaccount=default:builder": generators,
  "03-apply-create-delete: kubectl create clusterrole node-reader --verb=get --resource=nodes": generators,
  "03-apply-create-delete: kubectl create quota small --hard=pods=4": generators,
  "03-apply-create-delete: kubectl create priorityclass high --value=1000": generators,
  "03-apply-create-delete: kubectl create ingress web --rule=web.example.com/=web:80": generators,
  "03-apply-create-delete: kubectl create poddisruptionbudget web --selector=app=web --min-available=1": generators,
  "03-apply-create-delete: kubectl create token builder": token,
  "03-apply-create-delete: kubectl create configmap dry --from-literal=a=b --dry-run=client -o json": typed_json,
  "03-apply-create-delete: kubectl apply -f flow.yaml": json_sniff,
  "01-get: kubectl get secret token -n shop -o go-template={{.data.t}}": go_template,
  "05-rollout: kubectl rollout history sts/db": rollout,
  "05-rollout: kubectl rollout history deploy/web -o yaml --revision=2": rollout,
  "06-nodes-wait-events: kubectl get events -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name --sort-by=.metadata.name": sort_ties,
  "07-logs-config-discovery: kubectl config delete-context dev": kubeconfig_path,
  "07-logs-config-discovery: kubectl cluster-info dump --output-directory=/nonexistent --namespaces=none": cluster_info_dump,
  "07-logs-config-discovery: kubectl logs web --all-containers": logs_order,
  "07-logs-config-discovery: kubectl logs web --all-containers --prefix": logs_order,
  "08-errors: kubectl get pods -l 'app in (web'": list_selector_error,
  "08-errors: kubectl get pods --field-selector=spec.bogus=x": list_selector_error,
  "08-errors: kubectl apply -f no-kind.yaml": apply_validation,
  "08-errors: kubectl apply -f no-name.yaml": apply_validation,
  "04-patch-label-scale: kubectl label cm alpha env=dev -o yaml": rv,
};
