/** `kubectl describe networkpolicy`: the spec in kubectl's prose form (no events). */
import { formatLabelSelector } from '../../api/table/format.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { arr, obj, printAnnotations, printLabels, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/** Go's `time.Time.String()` in UTC: `2026-01-01 00:01:35 +0000 UTC` (kubectl runs with TZ=UTC here). */
export function goTimeString(timestamp: unknown): string {
  const ms = typeof timestamp === 'string' && timestamp !== '' ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

const selector = (value: unknown): string => formatLabelSelector(obj(value) as LabelSelector);

/** The `To Port` lines of a rule; a port without a number prints Go's `<nil>`. */
function printPorts(ports: Obj[], indent: string, w: PrefixWriter): void {
  if (ports.length === 0) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const port of ports) {
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    const number = port.port === undefined || port.port === null ? '<nil>' : String(port.port);
    if (typeof port.endPort === 'number') w.write(0, `${indent}To Port Range: ${number}-${port.endPort}/${protocol}\n`);
    else w.write(0, `${indent}To Port: ${number}/${protocol}\n`);
  }
}

/** The peers of a rule: `From:` / `To:` blocks, or the `<any>` line. */
function printPeers(peers: Obj[], title: 'From' | 'To', indent: string, w: PrefixWriter): void {
  if (peers.length === 0) {
    w.write(0, title === 'From' ? `${indent}From: <any> (traffic not restricted by source)\n` : `${indent}To: <any> (traffic not restricted by destination)\n`);
    return;
  }
  for (const peer of peers) {
    w.write(0, `${indent}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${selector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${selector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(1, `${indent}PodSelector: ${selector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${selector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      const block = obj(peer.ipBlock);
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${str(block.cidr)}\n`);
      w.write(2, `${indent}Except: ${arr(block.except).map(str).join(', ')}\n`);
    }
  }
}

function printRules(rules: Obj[], direction: 'ingress' | 'egress', w: PrefixWriter): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    printPorts(arr(rule.ports), indent, w);
    if (direction === 'ingress') printPeers(arr(rule.from), 'From', indent, w);
    else printPeers(arr(rule.to), 'To', indent, w);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

/** `describeNetworkPolicy`. */
export function describeNetworkPolicy(policy: Obj): string {
  const metadata = obj(policy.metadata);
  const spec = obj(policy.spec);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  w.write(0, `Created on:\t${goTimeString(metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const podSelector = obj(spec.podSelector);
  const empty = Object.keys(obj(podSelector.matchLabels)).length === 0 && arr(podSelector.matchExpressions).length === 0;
  w.write(2, empty ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${selector(podSelector)}\n`);
  const types = arr(spec.policyTypes).map(str);
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    printRules(arr(spec.ingress), 'ingress', w);
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    printRules(arr(spec.egress), 'egress', w);
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.text();
}
