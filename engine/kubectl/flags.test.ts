import { describe, expect, it } from 'vitest';
import { formatFlagUsages, parseFlags, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'all' },
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'watch' },
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'ns' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'out' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'labels' },
  { name: 'chunk-size', type: 'int', default: '500', usage: 'chunks' },
  { name: 'replicas', shorthand: 'r', type: 'int32', usage: 'replicas' },
  { name: 'v', shorthand: 'v', type: 'level', usage: '' },
  { name: 'env', type: 'stringToString', usage: 'env' },
  { name: 'aggregation-rule', type: 'mapStringString', usage: 'rule' },
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
    // pflag's ints are strconv.ParseInt(s, 0, bits): base prefixes, leading-0 octal, underscores.
    [['--chunk-size=0x10', '-r', '010'], [], { 'chunk-size': 16, replicas: 8 }],
    [['--chunk-size=1_000', '--replicas=-2147483648'], [], { 'chunk-size': 1000, replicas: -2147483648 }],
    // The largest int64 is accepted; as a double it rounds to 2^63.
    [['--chunk-size=9223372036854775807'], [], { 'chunk-size': 2 ** 63 }],
    [['--chunk-size=-0b1'], [], { 'chunk-size': -1 }],
    [['--env=a=1,2', '--env', 'b=x,"c=y,z"'], [], { env: new Map([['a', '1,2'], ['b', 'x'], ['c', 'y,z']]) }],
    [['--env="k=v"'], [], { env: new Map([['k', 'v']]) }],
    [['--aggregation-rule= a = b ,,c=d', '--aggregation-rule=a=e'], [], { 'aggregation-rule': new Map([['a', 'e'], ['c', 'd']]) }],
    [['--aggregation-rule='], [], { 'aggregation-rule': new Map() }],
    [['-L', 'a,"b,c"'], [], { 'label-columns': ['a', 'b,c'] }],
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
    // Strings below are kubectl 1.32's (pflag 1.0.5, component-base's MapStringString, klog's Level).
    [['--chunk-size=99999999999999999999'], 'invalid argument "99999999999999999999" for "--chunk-size" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    [['--chunk-size=99999999999999999999x'], 'invalid argument "99999999999999999999x" for "--chunk-size" flag: strconv.ParseInt: parsing "99999999999999999999x": value out of range'],
    [['--chunk-size=9223372036854775808'], 'invalid argument "9223372036854775808" for "--chunk-size" flag: strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    [['--chunk-size=-9223372036854775809'], 'invalid argument "-9223372036854775809" for "--chunk-size" flag: strconv.ParseInt: parsing "-9223372036854775809": value out of range'],
    [['--chunk-size=0x10x'], 'invalid argument "0x10x" for "--chunk-size" flag: strconv.ParseInt: parsing "0x10x": invalid syntax'],
    [['--chunk-size=0x'], 'invalid argument "0x" for "--chunk-size" flag: strconv.ParseInt: parsing "0x": invalid syntax'],
    [['--chunk-size=08'], 'invalid argument "08" for "--chunk-size" flag: strconv.ParseInt: parsing "08": invalid syntax'],
    [['--chunk-size=1__0'], 'invalid argument "1__0" for "--chunk-size" flag: strconv.ParseInt: parsing "1__0": invalid syntax'],
    [['--chunk-size=+'], 'invalid argument "+" for "--chunk-size" flag: strconv.ParseInt: parsing "+": invalid syntax'],
    [['--replicas=2147483648'], 'invalid argument "2147483648" for "-r, --replicas" flag: strconv.ParseInt: parsing "2147483648": value out of range'],
    [['--replicas=-2147483649'], 'invalid argument "-2147483649" for "-r, --replicas" flag: strconv.ParseInt: parsing "-2147483649": value out of range'],
    [['-v=99999999999'], 'invalid argument "99999999999" for "-v, --v" flag: strconv.ParseInt: parsing "99999999999": value out of range'],
    [['-v=0x1'], 'invalid argument "0x1" for "-v, --v" flag: strconv.ParseInt: parsing "0x1": invalid syntax'],
    [['--env=x'], 'invalid argument "x" for "--env" flag: x must be formatted as key=value'],
    [['--env='], 'invalid argument "" for "--env" flag:  must be formatted as key=value'],
    [['--env=a=b,c=d,e'], 'invalid argument "a=b,c=d,e" for "--env" flag: e must be formatted as key=value'],
    [['--env=a=b,"c=d'], 'invalid argument "a=b,\\"c=d" for "--env" flag: parse error on line 1, column 9: extraneous or missing " in quoted-field'],
    [['--env=a=b,c"x=d'], 'invalid argument "a=b,c\\"x=d" for "--env" flag: parse error on line 1, column 6: bare " in non-quoted-field'],
    [['--env=a=b,"c=d"x,e=f'], 'invalid argument "a=b,\\"c=d\\"x,e=f" for "--env" flag: parse error on line 1, column 9: extraneous or missing " in quoted-field'],
    [['-La"b'], 'invalid argument "a\\"b" for "-L, --label-columns" flag: parse error on line 1, column 2: bare " in non-quoted-field'],
    [['--aggregation-rule=a=b,c'], 'invalid argument "a=b,c" for "--aggregation-rule" flag: malformed pair, expect string=string'],
    [['--aggregation-rule=,a'], 'invalid argument ",a" for "--aggregation-rule" flag: malformed pair, expect string=string'],
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
