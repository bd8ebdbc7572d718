/** `kubectl describe serviceaccount`: its image pull secrets, mountable secrets and token Secrets. */
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, obj, printAnnotations, printLabels, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/**
 * The describer's read of the namespace's Secrets: the token Secrets annotated with this account's
 * name and UID, and the referenced Secrets that do not exist (none when the list fails).
 */
export function serviceAccountSecrets(client: DescribeClient, account: Obj): { tokens: string[]; missing: Set<string> } {
  const metadata = obj(account.metadata);
  const secrets = listAll(client, collectionPath('', 'v1', 'secrets', str(metadata.namespace)));
  const tokens: string[] = [];
  const missing = new Set<string>();
  if (!secrets) return { tokens, missing };
  const existing = new Set<string>();
  for (const secret of secrets) {
    const secretMeta = obj(secret.metadata);
    const annotations = obj(secretMeta.annotations);
    if (secret.type === 'kubernetes.io/service-account-token'
      && str(annotations['kubernetes.io/service-account.name']) === str(metadata.name)
      && str(annotations['kubernetes.io/service-account.uid']) === str(metadata.uid)) {
      tokens.push(str(secretMeta.name));
    }
    existing.add(str(secretMeta.name));
  }
  for (const ref of [...arr(account.secrets), ...arr(account.imagePullSecrets)]) {
    if (!existing.has(str(ref.name))) missing.add(str(ref.name));
  }
  return { tokens, missing };
}

/** `describeServiceAccount`: the three secret lists in the order of their padded headers. */
export function describeServiceAccount(account: Obj, tokens: string[], missing: Set<string>, events: Obj[] | undefined, now: number): string {
  const metadata = obj(account.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  // The headers are padded to one width in the source and printed in sorted order.
  const lists: Array<[string, string[]]> = [
    ['Image pull secrets:', arr(account.imagePullSecrets).map((ref) => str(ref.name))],
    ['Mountable secrets: ', arr(account.secrets).map((ref) => str(ref.name))],
    ['Tokens:            ', tokens],
  ];
  for (const [header, names] of lists) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const name of names) {
      w.write(0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = '                   ';
    }
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
