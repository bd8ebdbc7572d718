/**
 * Field errors as apimachinery's `field.Error` shapes them. `Invalid` responses carry one cause
 * per error, and the message is built from them (see errors.ts).
 */
import { GoValue, goQuote } from './go-syntax.ts';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with indices, e.g. `spec.template.spec.containers[0].image`. */
  field: string;
  /** Omitted for types that carry no value (Required, Forbidden, …). */
  value?: unknown;
  hasValue?: boolean;
  detail?: string;
}

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/**
 * As `field.Error.ErrorBody` prints a value: `%q` for strings, plain numbers and booleans, Go
 * syntax for values that carry it (GoValue), JSON for the rest.
 */
function formatValue(value: unknown): string {
  if (value instanceof GoValue) return value.syntax;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

/** `field.Error.ErrorBody()`: `Invalid value: "x": detail`. */
export function errorBody(error: FieldError): string {
  let body = typeText[error.type];
  if (error.hasValue) body += `: ${formatValue(error.value)}`;
  if (error.detail) body += `: ${error.detail}`;
  return body;
}

/** `field.Error.Error()`: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function errorText(error: FieldError): string {
  return `${error.field}: ${errorBody(error)}`;
}

export const fieldError = {
  required: (field: string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  forbidden: (field: string, detail?: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  invalid: (field: string, value: unknown, detail?: string): FieldError => ({
    type: 'FieldValueInvalid', field, value, hasValue: true, detail,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported', field, value, hasValue: true,
    detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : undefined,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, hasValue: true }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value, hasValue: true }),
  tooLong: (field: string, value: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong', field, value, hasValue: false, detail: `may not be more than ${max} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany', field, value: actual, hasValue: true, detail: `must have at most ${max} items`,
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueTypeInvalid', field, value, hasValue: true, detail,
  }),
};
