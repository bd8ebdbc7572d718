/**
 * Values as Go's `%#v` and `%q` print them. apimachinery's field errors print strings with `%q`
 * and structs, maps and IntOrStrings with `%#v`, so a learner sees
 * `Invalid value: map[string]string{"app":"web"}` — these helpers reproduce that text.
 */

/** A value that prints as the given Go syntax in a field error. */
export class GoValue {
  constructor(readonly syntax: string) {}
}

/** Go's strconv.Quote: `"web\u200b"` — printable characters as they are, the rest escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (code === 0x07) out += '\\a';
    else if (code === 0x08) out += '\\b';
    else if (code === 0x0c) out += '\\f';
    else if (code === 0x0a) out += '\\n';
    else if (code === 0x0d) out += '\\r';
    else if (code === 0x09) out += '\\t';
    else if (code === 0x0b) out += '\\v';
    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    else if (code !== 0x20 && /[\p{C}\p{Z}]/u.test(ch)) {
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** `map[string]string{"a":"1", "b":"2"}` (Go sorts map keys when printing); nil → `map[string]string(nil)`. */
export function goStringMap(map: unknown): GoValue {
  if (map === undefined || map === null) return new GoValue('map[string]string(nil)');
  const entries = Object.entries(map as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new GoValue(`map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(String(v))}`).join(', ')}}`);
}

function goStrings(values: unknown): string {
  if (!Array.isArray(values)) return '[]string(nil)';
  return `[]string{${values.map((v) => goQuote(String(v))).join(', ')}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{…}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`. */
export function goLabelSelector(selector: unknown): GoValue {
  const s = (selector ?? {}) as { matchLabels?: unknown; matchExpressions?: unknown };
  const expressions = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${(s.matchExpressions as { key?: string; operator?: string; values?: unknown }[])
      .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStrings(e.values)}}`)
      .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels).syntax}, MatchExpressions:${expressions}}`);
}

/** `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}` (Type 0 is an int, 1 a string). */
export function goIntOrString(value: unknown): GoValue {
  if (typeof value === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(value)}}`);
  const n = typeof value === 'number' ? value : 0;
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`);
}

/** A `*bool` as `%#v` prints it: nil, or a pointer (the address is made up but stable). */
function goBoolPointer(value: unknown, slot: number): string {
  return typeof value === 'boolean' ? `(*bool)(0xc000${(0x5a0 + slot * 8).toString(16)})` : '(*bool)(nil)';
}

/** `v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", …, Controller:(*bool)(0x…), BlockOwnerDeletion:(*bool)(nil)}`. */
export function goOwnerReference(ref: unknown, index = 0): GoValue {
  const r = (ref ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => goQuote(typeof v === 'string' ? v : '');
  return new GoValue(`v1.OwnerReference{APIVersion:${s(r.apiVersion)}, Kind:${s(r.kind)}, Name:${s(r.name)}, UID:${s(r.uid)}, ` +
    `Controller:${goBoolPointer(r.controller, index * 2)}, BlockOwnerDeletion:${goBoolPointer(r.blockOwnerDeletion, index * 2 + 1)}}`);
}

/** `[]v1.OwnerReference{…}`. */
export function goOwnerReferences(refs: unknown[]): GoValue {
  return new GoValue(`[]v1.OwnerReference{${refs.map((r, i) => goOwnerReference(r, i).syntax).join(', ')}}`);
}
