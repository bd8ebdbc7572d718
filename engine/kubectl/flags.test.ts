import { describe, expect, it } from 'vitest';
import { formatFlagUsages, parseFlags, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'all' },
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'watch' },
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'ns' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'out' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'labels' },
  { name: 'chunk-size', type: 'int', default: '500', usage: 'chunks' },
];

describe('parseFlags', () => {
  it.each([
    [['get', 'pods', '-n', 'kube-system'], ['get', 'pods'], { namespace: 'kube-system' }],
    [['-nkube-system', 'get'], ['get'], { namespace: 'kube-system' }],
    [['-n=x', '--output=yaml', 'pods'], ['pods'], { namespace: 'x', output: 'yaml' }],
    [['--output', 'json', 'pods'], ['pods'], { output: 'json' }],
    [['-Aw', 'pods'], ['pods'], { 'all-namespaces': true, watch: true }],
    [['-A=false'], [], { 'all-namespaces': false }],
    [['--watch=false', '--chunk-size=0'], [], { watch: false, 'chunk-size': 0 }],
    [['-L', 'app,tier', '-L', 'zone'], [], { 'label-columns': ['app', 'tier', 'zone'] }],
    [['pods', '--', '-n', 'x'], ['pods', '-n', 'x'], {}, 1],
    [['-', 'x'], ['-', 'x'], {}],
  ])('%j', (argv, args, values, argsLenAtDash?: number) => {
    const parsed = { args, values: new Map(Object.entries(values)), ...(argsLenAtDash === undefined ? {} : { argsLenAtDash }) };
    expect(parseFlags(argv as string[], specs)).toEqual({ ok: true, parsed });
  });

  it.each([
    [['get', '--foo'], 'unknown flag: --foo'],
    [['--foo=bar'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-Ax'], "unknown shorthand flag: 'x' in -Ax"],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['--watch=maybe'], 'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['--chunk-size=x'], 'invalid argument "x" for "--chunk-size" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j fails', (argv, error) => {
    expect(parseFlags(argv, specs)).toEqual({ ok: false, error });
  });
});

describe('formatFlagUsages', () => {
  it('lists flags by name with their defaults, as kubectl --help does off a terminal', () => {
    expect(formatFlagUsages(specs.slice(0, 3).concat(specs[5]))).toBe(
      '    -A, --all-namespaces=false:\n\tall\n\n    --chunk-size=500:\n\tchunks\n\n'
      + "    -n, --namespace='':\n\tns\n\n    -w, --watch=false:\n\twatch\n",
    );
  });
});
