import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse.ts';

const valueOf = (yaml: string): unknown => parseManifests(`apiVersion: v1\nkind: ConfigMap\nv: ${yaml}\n`).objects[0]?.v;

describe('YAML 1.1 scalars as kubectl reads them (go-yaml v2)', () => {
  it.each<[string, unknown]>([
    ['0644', 420], ['01777', 1023], ['0o17', 15], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['08', 8], ['-017', -15],
    ['yes', true], ['On', true], ['y', true], ['NO', false], ['off', false], ['n', false], ['True', true],
    ['~', null], ['null', null], ['', null], ['1e6', 1000000], ['1.10', 1.1], ['.5', 0.5],
    ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'], ['1:20', '1:20'],
    ['"0644"', '0644'], ["'yes'", 'yes'], ['!!str 80', '80'], ['!!float 1', 1], ['[a, 1, true]', ['a', 1, true]],
    ['{a: 1, b: [x]}', { a: 1, b: ['x'] }], ['nginx:1.25', 'nginx:1.25'], ['yes please', 'yes please'],
  ])('%s', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  it('turns number and boolean keys into strings as sigs.k8s.io/yaml does', () => {
    expect(valueOf('{80: a, yes: b, 1.5: c, 0x10: d}')).toEqual({ 80: 'a', true: 'b', '1.5': 'c', 16: 'd' });
  });

  it('refuses infinity, which JSON cannot carry', () => {
    expect(parseManifests('a: .inf\n').errors[0].message).toBe('error converting YAML to JSON: json: unsupported value: +Inf');
  });

  it('merges `<<` keys, with explicit keys winning', () => {
    const text = 'base: &b {p: 1, q: 2}\nkind: K\nthing:\n  <<: *b\n  q: 3\n';
    expect(parseManifests(text).objects[0].thing).toEqual({ p: 1, q: 3 });
  });
});

describe('documents', () => {
  it('reads documents in order, skipping empty and comment-only ones and flattening Lists', () => {
    const text = [
      '# leading comment', '---', 'kind: A', '---', '', '---', '# only a comment', '---',
      'kind: List', 'items:', '- kind: B', '- kind: C', '---', 'kind: D',
    ].join('\n');
    const result = parseManifests(text);
    expect(result.objects.map((o) => o.kind)).toEqual(['A', 'B', 'C', 'D']);
    expect(result.errors).toEqual([]);
  });

  it('keeps going past a bad document and says where kubectl would stop', () => {
    const text = 'kind: A\n---\nkind: B\nmetadata:\n\tname: b\n---\nkind: C\n';
    const result = parseManifests(text, { filename: 'app.yaml' });
    expect(result.objects.map((o) => o.kind)).toEqual(['A', 'C']);
    expect(result.kubectlObjects.map((o) => o.kind)).toEqual(['A']);
    expect(result.errors).toEqual([{
      reason: 'syntax', documentIndex: 1, line: 5, stopsStream: true,
      message: 'error converting YAML to JSON: yaml: line 3: found character that cannot start any token',
      kubectlMessage: 'error parsing app.yaml: error converting YAML to JSON: yaml: line 3: found character that cannot start any token',
    }]);
  });

  it.each([
    ['just some text\n', 'unable to decode "x.yaml": json: cannot unmarshal string into Go value of type unstructured.detector'],
    ['- a\n- b\n', 'unable to decode "x.yaml": json: cannot unmarshal array into Go value of type unstructured.detector'],
    ['kind: A\n--- foo\n', 'error parsing x.yaml: invalid Yaml document separator: foo'],
  ])('refuses %j', (text, message) => {
    expect(parseManifests(text, { filename: 'x.yaml' }).errors[0].kubectlMessage).toBe(message);
  });
});

// Each message below is what real kubectl 1.32 printed for the same file
// (`kubectl apply -f FILE --dry-run=client`), after `error: error parsing FILE: `.
describe('syntax errors worded as kubectl words them', () => {
  const head = 'apiVersion: v1\nkind: ConfigMap\n';
  it.each([
    ['tab indentation', 'metadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
    ['compact nested map', 'metadata:\n  labels: app: web\n', 'yaml: line 4: mapping values are not allowed in this context'],
    ['unclosed flow map', 'metadata: {name: web\ndata:\n  a: b\n', "yaml: line 3: did not find expected ',' or '}'"],
    ['unclosed flow sequence', 'data: [a, b\n', "yaml: line 3: did not find expected ',' or ']'"],
    ['key indented too little', 'metadata:\n  name: x\n labels: y\n', 'yaml: line 4: did not find expected key'],
    ['key indented too much', 'metadata:\n  name: x\n    labels: y\n', 'yaml: line 5: mapping values are not allowed in this context'],
    ['missing colon', 'metadata:\n  name x\n  labels: y\n', 'yaml: line 5: mapping values are not allowed in this context'],
    ['unclosed double quote', 'metadata:\n  name: "x\n', 'yaml: line 5: found unexpected end of stream'],
    ["unclosed single quote", "metadata:\n  name: 'x\n", 'yaml: line 5: found unexpected end of stream'],
    ['unknown escape', 'data:\n  a: "x\\qy"\n', 'yaml: line 4: found unknown escape character'],
    ['reserved character', 'metadata:\n  name: @x\n', 'yaml: line 4: found character that cannot start any token'],
    ['sequence item among keys', 'metadata:\n  name: x\n  - y\n', 'yaml: line 4: did not find expected key'],
    ['stray closing bracket', 'data: [a, b]]\n', 'yaml: line 2: did not find expected key'],
    ['block scalar dedent', 'data:\n  a: |\n    x\n   y\n', 'yaml: line 5: did not find expected key'],
    ['unknown anchor', 'metadata: &a\n  name: *b\n', "yaml: unknown anchor 'b' referenced"],
  ])('%s', (_name, body, expected) => {
    const [error] = parseManifests(head + body).errors;
    expect(error?.message).toBe(`error converting YAML to JSON: ${expected}`);
  });

  it.each([
    ['scalar text after a quote', 'a: "x"y\n', 'yaml: did not find expected key'],
    ['map after a root sequence', '- a\nb: c\n', "yaml: line 1: did not find expected '-' indicator"],
  ])('%s', (_name, text, expected) => {
    expect(parseManifests(text).errors[0]?.message).toBe(`error converting YAML to JSON: ${expected}`);
  });

  it("accepts `\\'` in double quotes as go-yaml does (upstream envars-file-container.yaml)", () => {
    expect(valueOf('"it\\\'s"')).toBe("it's");
  });
});

describe('hazards', () => {
  it('screens deep nesting before any parser runs, repeatedly, without crashing', () => {
    for (let i = 0; i < 3; i++) {
      const result = parseManifests('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
      expect(result.errors[0].message).toBe('error converting YAML to JSON: yaml: line 1: exceeded max depth of 64');
    }
    const block = Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    expect(parseManifests(block).errors[0].reason).toBe('too-deep');
  });

  it('rejects the CVE-2019-11253 alias bomb', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(parseManifests(levels.join('\n') + '\n').errors[0].message).toBe('error converting YAML to JSON: yaml: document contains excessive aliasing');
  });

  // The default `yaml` duplicate-key check is quadratic (~70 s here, past the test timeout); ours is
  // linear. How fast it is belongs to the benchmarks; this only proves every key is read.
  it('reads 50,000 keys in one mapping', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:'];
    for (let i = 0; i < 50_000; i++) lines.push(`  key${i}: value-${i}`);
    const result = parseManifests(lines.join('\n'));
    expect(Object.keys(result.objects[0].data as object)).toHaveLength(50_000);
    expect((result.objects[0].data as Record<string, string>).key49999).toBe('value-49999');
  });

  it('finds duplicate keys with their path, keeping the last value as go-yaml does', () => {
    const text = 'kind: A\n---\nkind: Deployment\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: a\n        name: b\n  replicas: 3\n';
    const [, doc] = parseManifests(text).documents;
    expect(doc.objects[0].spec).toMatchObject({ replicas: 3 });
    expect(doc.duplicates).toEqual([
      { path: 'spec.template.spec.containers[0].name', key: 'name', line: 10 },
      { path: 'spec.replicas', key: 'replicas', line: 11 },
    ]);
  });

  it('answers 413 text for more than 3 MiB', () => {
    const result = parseManifests('a: ' + 'x'.repeat(3 * 1024 * 1024) + '\n');
    expect(result.errors[0]).toMatchObject({ reason: 'too-large', message: 'Request entity too large: limit is 3145728' });
  });
});

describe('the real corpus', () => {
  const root = '/work/shared/corpus';
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yaml')) files.push(path);
    }
  };
  try {
    walk(root);
  } catch {
    // no corpus on this machine
  }
  it.skipIf(files.length === 0)('parses every *.yaml without throwing or reporting an error', () => {
    const failures: string[] = [];
    for (const file of files) {
      const result = parseManifests(readFileSync(file, 'utf8'), { filename: file });
      for (const error of result.errors) failures.push(error.kubectlMessage);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});

describe('document end marker', () => {
  it('ignores text after `...` as go-yaml does', () => {
    expect(parseManifests('kind: A\nspec:\n...\nnot: read\n').objects).toEqual([{ kind: 'A', spec: null }]);
  });
});
