/**
 * Reads the field-order tables (field-order-core.ts, field-order-groups.ts) into a lookup of Go
 * struct shapes, and maps an object's apiVersion and kind to its root struct. Parsed lazily, once.
 */
import { coreTypes, metaTypes } from './field-order-core.ts';
import * as groups from './field-order-groups.ts';

/** How the Go JSON encoder treats a field when it is absent or zero. */
export type ZeroRule =
  | 'optional' // pointer with omitempty: absent stays absent, any value is kept
  | 'struct' // non-pointer struct: always written, `{}` when empty
  | 'null' // written as null when absent (non-omitempty pointer/slice/map, or a zero metav1.Time)
  | 'omitZero' // non-pointer omitempty scalar/list/map: dropped when "", 0, false, [] or {}
  | { zero: string | number | boolean }; // non-omitempty scalar: written as its zero value

/** One JSON field of a Go struct. */
export interface GoField {
  name: string;
  /** Qualified struct type (`core.Container`) of the value, of each list item or of each map value. */
  type?: string;
  /** A Go map: the encoder writes its keys sorted. */
  isMap: boolean;
  zero: ZeroRule;
}

/** A Go struct: its fields in declaration order, and the same fields by name. */
export interface GoStruct {
  fields: GoField[];
  byName: Map<string, GoField>;
}

const packages: Record<string, Record<string, string>> = {
  core: coreTypes,
  meta: metaTypes,
  apps: groups.appsTypes,
  batch: groups.batchTypes,
  autoscaling1: groups.autoscaling1Types,
  autoscaling2: groups.autoscaling2Types,
  networking: groups.networkingTypes,
  policy: groups.policyTypes,
  rbac: groups.rbacTypes,
  storage: groups.storageTypes,
  admission: groups.admissionTypes,
  scheduling: groups.schedulingTypes,
  coordination: groups.coordinationTypes,
  discovery: groups.discoveryTypes,
  events: groups.eventsTypes,
  authn: groups.authnTypes,
  authz: groups.authzTypes,
  apiext: groups.apiextTypes,
};

/** apiVersion → the table package that holds its kinds. */
const packageOfApiVersion: Record<string, string> = {
  v1: 'core',
  'apps/v1': 'apps',
  'batch/v1': 'batch',
  'autoscaling/v1': 'autoscaling1',
  'autoscaling/v2': 'autoscaling2',
  'networking.k8s.io/v1': 'networking',
  'policy/v1': 'policy',
  'rbac.authorization.k8s.io/v1': 'rbac',
  'storage.k8s.io/v1': 'storage',
  'admissionregistration.k8s.io/v1': 'admission',
  'scheduling.k8s.io/v1': 'scheduling',
  'coordination.k8s.io/v1': 'coordination',
  'discovery.k8s.io/v1': 'discovery',
  'events.k8s.io/v1': 'events',
  'authentication.k8s.io/v1': 'authn',
  'authorization.k8s.io/v1': 'authz',
  'apiextensions.k8s.io/v1': 'apiext',
};

const tokenPattern = /^([A-Za-z0-9$_.-]+?)(?::([A-Za-z0-9.]+))?(@)?(!|~|-|=[snb])?$/;
const parsed = new Map<string, GoStruct>();

function parseStruct(pkg: string, spec: string): GoStruct {
  const fields = spec.split(' ').filter(Boolean).map((token): GoField => {
    const m = tokenPattern.exec(token);
    if (!m) throw new Error(`bad field token ${token}`);
    const [, name, type, map, flag] = m;
    return {
      name,
      type: type ? (type.includes('.') ? type : `${pkg}.${type}`) : undefined,
      isMap: map === '@',
      zero: zeroRule(flag),
    };
  });
  return { fields, byName: new Map(fields.map((f) => [f.name, f])) };
}

function zeroRule(flag: string | undefined): ZeroRule {
  switch (flag) {
    case '!': return 'struct';
    case '~': return 'null';
    case '-': return 'omitZero';
    case '=s': return { zero: '' };
    case '=n': return { zero: 0 };
    case '=b': return { zero: false };
    default: return 'optional';
  }
}

/** The struct for a qualified type name such as `core.PodSpec`, or undefined if the table lacks it. */
export function goStruct(qualified: string): GoStruct | undefined {
  const hit = parsed.get(qualified);
  if (hit) return hit;
  const dot = qualified.indexOf('.');
  const pkg = qualified.slice(0, dot);
  const spec = packages[pkg]?.[qualified.slice(dot + 1)];
  if (spec === undefined) return undefined;
  const struct = parseStruct(pkg, spec);
  parsed.set(qualified, struct);
  return struct;
}

/** The qualified root type of a built-in kind (`apps/v1`, `Deployment` → `apps.Deployment`). */
export function rootTypeOf(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const pkg = packageOfApiVersion[apiVersion];
  if (!pkg || packages[pkg][kind] === undefined) return undefined;
  return `${pkg}.${kind}`;
}
