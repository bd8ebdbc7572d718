/**
 * The name checks label selectors rely on — label keys are qualified names, label values at most
 * 63 characters of `[-A-Za-z0-9_.]` — are apimachinery's, shared with validation.
 */
export { isDNS1123Subdomain, isQualifiedName, isValidLabelValue, maxLenError, regexError } from '../validation/names.ts';
