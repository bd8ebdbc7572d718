/**
 * `[]byte` fields travel as base64 in JSON, and Go's decoder refuses bad base64 with
 * `illegal base64 data at input byte N` — the error a learner meets when they put plain text in a
 * Secret's `data` instead of `stringData`.
 */

const alphabet = /[A-Za-z0-9+/]/;

/** The index Go's base64.StdEncoding reports for `text`, or undefined when it decodes. */
export function base64ErrorIndex(text: string): number | undefined {
  // Go skips carriage returns and newlines; indices still count them.
  const chars: { c: string; i: number }[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] !== '\n' && text[i] !== '\r') chars.push({ c: text[i], i });
  for (let q = 0; q < chars.length; q += 4) {
    const quantum = chars.slice(q, q + 4);
    for (let j = 0; j < quantum.length; j++) {
      const { c, i } = quantum[j];
      if (alphabet.test(c)) continue;
      if (c !== '=') return i;
      // Padding may only fill the last one or two places of the final quantum.
      if (j < 2) return i;
      const rest = chars.slice(q + j);
      if (q + 4 < chars.length) return i;
      if (j === 2 && (rest.length !== 2 || rest[1].c !== '=')) return rest.length < 2 ? text.length : rest[1].i;
      return undefined;
    }
    if (quantum.length < 4) return quantum.length === 1 ? quantum[0].i : text.length;
  }
  return undefined;
}

type Loose = Record<string, unknown>;

/** The base64 fields of the kinds the lab serves: Secret data, ConfigMap binaryData, a CRD webhook's caBundle. */
function byteFields(kind: string, object: Loose): [path: string, value: unknown][] {
  const out: [string, unknown][] = [];
  const mapValues = (map: unknown, path: string): void => {
    if (map && typeof map === 'object') for (const [key, value] of Object.entries(map)) out.push([`${path}.${key}`, value]);
  };
  if (kind === 'Secret') mapValues(object.data, 'data');
  if (kind === 'ConfigMap') mapValues(object.binaryData, 'binaryData');
  if (kind === 'CustomResourceDefinition') {
    const caBundle = (((((object.spec as Loose | undefined)?.conversion as Loose | undefined)?.webhook as Loose | undefined)?.clientConfig) as Loose | undefined)?.caBundle;
    if (caBundle !== undefined) out.push(['spec.conversion.webhook.clientConfig.caBundle', caBundle]);
  }
  return out;
}

/** Go's message for the first bad base64 value of the object, if any. */
export function base64Error(kind: string, object: Loose): string | undefined {
  for (const [, value] of byteFields(kind, object)) {
    if (typeof value !== 'string') continue;
    const index = base64ErrorIndex(value);
    if (index !== undefined) return `illegal base64 data at input byte ${index}`;
  }
  return undefined;
}
