/**
 * `checks.yaml`: a list of checks, each one of a closed set of kinds (types.ts). Read and validated
 * when the lesson loads — an unknown kind, an unknown key or a bad field path is an error then, not
 * a check that silently never passes.
 */
import { parse } from 'yaml';
import { parseFieldPath } from './field-path.ts';
import type { Check, FieldExpectation, LocalizedText } from './types.ts';

const common = ['id', 'title', 'type'];
const allowedKeys: Record<Check['type'], string[]> = {
  object: [...common, 'resource', 'name', 'namespace', 'absent', 'fields'],
  count: [...common, 'resource', 'namespace', 'selector', 'where', 'equals', 'atLeast', 'atMost'],
  rollout: [...common, 'resource', 'name', 'namespace'],
  audit: [...common, 'verb', 'resource', 'subresource', 'name', 'namespace', 'code'],
  http: [...common, 'url', 'from', 'method', 'status', 'contains', 'json'],
};
const expectationKeys = ['path', 'equals', 'oneOf', 'atLeast', 'atMost', 'contains', 'exists'];
const rolloutResources = ['deployments', 'statefulsets', 'daemonsets'];

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown, where: string): LocalizedText {
  if (typeof value === 'string') return { en: value };
  if (isRecord(value) && typeof value.en === 'string' && (value['zh-CN'] === undefined || typeof value['zh-CN'] === 'string')) {
    return { en: value.en, 'zh-CN': value['zh-CN'] as string | undefined };
  }
  throw new Error(`${where}: a title is a string or {en, zh-CN}`);
}

function string(raw: Raw, key: string, where: string, required = true): string | undefined {
  const value = raw[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !value) throw new Error(`${where}: ${key} must be a non-empty string`);
  return value;
}

function number(raw: Raw, key: string, where: string): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: ${key} must be a number`);
  return value;
}

function expectation(raw: unknown, where: string): FieldExpectation {
  if (!isRecord(raw)) throw new Error(`${where}: a field expectation is a mapping with a path`);
  const unknown = Object.keys(raw).filter((k) => !expectationKeys.includes(k));
  if (unknown.length) throw new Error(`${where}: unknown key ${unknown[0]} (known: ${expectationKeys.join(', ')})`);
  const path = string(raw, 'path', where)!;
  parseFieldPath(path);
  const scalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);
  if (raw.equals !== undefined && !scalar(raw.equals)) throw new Error(`${where}: equals must be a string, number or boolean`);
  if (raw.oneOf !== undefined && !(Array.isArray(raw.oneOf) && raw.oneOf.every(scalar))) throw new Error(`${where}: oneOf must be a list of scalars`);
  if (raw.contains !== undefined && typeof raw.contains !== 'string') throw new Error(`${where}: contains must be a string`);
  if (raw.exists !== undefined && typeof raw.exists !== 'boolean') throw new Error(`${where}: exists must be true or false`);
  return {
    path, equals: raw.equals as FieldExpectation['equals'], oneOf: raw.oneOf as FieldExpectation['oneOf'],
    atLeast: number(raw, 'atLeast', where), atMost: number(raw, 'atMost', where), contains: raw.contains as string | undefined,
    exists: raw.exists as boolean | undefined,
  };
}

function expectations(raw: unknown, key: string, where: string): FieldExpectation[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw new Error(`${where}: ${key} must be a list`);
  return raw.map((item, i) => expectation(item, `${where} ${key}[${i}]`));
}

/** One check from its YAML mapping. */
function readCheck(raw: unknown, index: number): Check {
  if (!isRecord(raw)) throw new Error(`check ${index + 1}: a check is a mapping`);
  const where = typeof raw.id === 'string' ? `check "${raw.id}"` : `check ${index + 1}`;
  const type = raw.type as Check['type'];
  if (!(type in allowedKeys)) throw new Error(`${where}: unknown type ${JSON.stringify(raw.type)} (known: ${Object.keys(allowedKeys).join(', ')})`);
  const unknown = Object.keys(raw).filter((k) => !allowedKeys[type].includes(k));
  if (unknown.length) throw new Error(`${where}: unknown key ${unknown[0]} for type ${type}`);
  const base = { id: string(raw, 'id', where)!, title: text(raw.title, where) };
  switch (type) {
    case 'object':
      if (raw.absent !== undefined && typeof raw.absent !== 'boolean') throw new Error(`${where}: absent must be true or false`);
      return { ...base, type, resource: string(raw, 'resource', where)!, name: string(raw, 'name', where)!, namespace: string(raw, 'namespace', where, false), absent: raw.absent as boolean | undefined, fields: expectations(raw.fields, 'fields', where) };
    case 'count': {
      const check = { ...base, type, resource: string(raw, 'resource', where)!, namespace: string(raw, 'namespace', where, false), selector: string(raw, 'selector', where, false), where: expectations(raw.where, 'where', where), equals: number(raw, 'equals', where), atLeast: number(raw, 'atLeast', where), atMost: number(raw, 'atMost', where) };
      if (check.equals === undefined && check.atLeast === undefined && check.atMost === undefined) throw new Error(`${where}: a count check needs equals, atLeast or atMost`);
      return check;
    }
    case 'rollout': {
      const resource = string(raw, 'resource', where)!;
      if (!rolloutResources.includes(resource)) throw new Error(`${where}: resource must be one of ${rolloutResources.join(', ')}`);
      return { ...base, type, resource: resource as 'deployments', name: string(raw, 'name', where)!, namespace: string(raw, 'namespace', where, false) };
    }
    case 'audit':
      return { ...base, type, verb: string(raw, 'verb', where)!, resource: string(raw, 'resource', where)!, subresource: string(raw, 'subresource', where, false), name: string(raw, 'name', where, false), namespace: string(raw, 'namespace', where, false), code: number(raw, 'code', where) };
    case 'http': {
      const from = string(raw, 'from', where, false);
      if (from !== undefined && !/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(from)) throw new Error(`${where}: from must be namespace/pod`);
      return { ...base, type, url: string(raw, 'url', where)!, from, method: string(raw, 'method', where, false), status: number(raw, 'status', where), contains: string(raw, 'contains', where, false), json: raw.json === undefined ? undefined : expectation(raw.json, `${where} json`) };
    }
  }
}

/** Read `checks.yaml`; throws an Error naming the first problem. */
export function parseChecks(source: string): Check[] {
  const raw: unknown = parse(source, { maxAliasCount: 0 });
  if (!Array.isArray(raw)) throw new Error('checks.yaml must be a list of checks');
  const checks = raw.map(readCheck);
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new Error(`check "${check.id}" is defined twice`);
    seen.add(check.id);
  }
  return checks;
}
