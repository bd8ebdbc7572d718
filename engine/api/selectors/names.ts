/**
 * The name checks label selectors rely on, with apimachinery's exact messages
 * (k8s.io/apimachinery/pkg/util/validation): label keys are qualified names, label values are
 * at most 63 characters of `[-A-Za-z0-9_.]` starting and ending alphanumeric, or empty.
 * Each function returns the list of problems; an empty list means valid.
 */

const qualifiedNameFormat = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameMessage =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueFormat = `(${qualifiedNameFormat})?`;
const labelValueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const dns1123LabelFormat = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFormat = `${dns1123LabelFormat}(\\.${dns1123LabelFormat})*`;
const dns1123SubdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const encoder = new TextEncoder();

/** Go's len(): bytes, not UTF-16 units. */
function byteLength(value: string): number {
  return encoder.encode(value).length;
}

const qualifiedName = new RegExp(`^${qualifiedNameFormat}$`);
const labelValue = new RegExp(`^${labelValueFormat}$`);
const dns1123Subdomain = new RegExp(`^${dns1123SubdomainFormat}$`);

/** `validation.MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * `validation.RegexError`. Go builds the examples with `"'x', "` followed by `" or "`, so the
 * real message has two spaces before each "or": `(e.g. 'MyName',  or 'my.name', …)`.
 */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const listed = examples.map((e) => `'${e}', `).join(' or ');
  return `${message} (e.g. ${listed}regex used for validation is '${format}')`;
}

/** `validation.IsDNS1123Subdomain`: e.g. the optional prefix of a label key. */
export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!dns1123Subdomain.test(value)) errors.push(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, 'example.com'));
  return errors;
}

/** `validation.IsQualifiedName`: a label key such as `app` or `app.kubernetes.io/name`. */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!qualifiedName.test(name)) {
    errors.push(`name part ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** `validation.IsValidLabelValue`. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!labelValue.test(value)) errors.push(regexError(labelValueMessage, labelValueFormat, 'MyValue', 'my_value', '12345'));
  return errors;
}
