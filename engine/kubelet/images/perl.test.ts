import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { startProcess } from './behaviours.ts';
import { catalogue, resolveImage } from './catalogue.ts';
import { bpiCpuMs, parsePerlArgs, perlProcess, piDigits } from './perl.ts';
import { parseImage } from './reference.ts';

/** Run a perl process to its end: stdout, stderr, exit code and the virtual time it spent. */
function perl(args: string[]): { stdout: string; stderr: string; code: number; ms: number; busyMs: number } {
  let stdout = '', stderr = '', ms = 0, busyMs = 0;
  const run = perlProcess(args, (cpu) => { busyMs += cpu; });
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return { stdout, stderr, code: step.value, ms, busyMs };
    const action = step.value;
    if (action.kind === 'sleep') ms += action.ms;
    else if (action.stream === 'stdout') stdout += action.text;
    else stderr += action.text;
  }
}

describe('perl switches', () => {
  it.each<[string[], ReturnType<typeof parsePerlArgs>]>([
    [['-Mbignum=bpi', '-wle', 'print bpi(2000)'], { newline: true, modules: ['bignum=bpi'], code: 'print bpi(2000)' }],
    [['-e', 'print "x"'], { newline: false, modules: [], code: 'print "x"' }],
    [['-le', 'print 1', '-e', 'print 2'], { newline: true, modules: [], code: 'print 1\nprint 2' }],
    [['-de0'], { newline: false, modules: [], code: '0' }],
    [['script.pl'], { newline: false, modules: [] }],
  ])('%j', (args, want) => {
    expect(parsePerlArgs(args)).toEqual(want);
  });
});

describe('bpi', () => {
  it('gives π to N significant digits, rounded, as Math::BigFloat prints it', () => {
    expect(['1', '2', '5', '11', '12'].map((n) => piDigits(Number(n)))).toEqual(['3', '3.1', '3.1416', '3.1415926536', '3.14159265359']);
  });

  it('matches an independent reference (mpmath) for bpi(2000): first and last digits, and the Feynman point', () => {
    const pi = piDigits(2000);
    expect(pi.length).toBe(2001);
    expect(pi.slice(0, 62)).toBe('3.141592653589793238462643383279502884197169399375105820974944');
    // Digits 1961–2000; the 2001st and later are 9946…, so the last digit rounds up from 0 to 1.
    expect(pi.slice(-40)).toBe('5739624138908658326459958133904780275901');
    expect(pi.slice(2 + 761, 2 + 767)).toBe('999999');
  });
});

describe('perl one-liners', () => {
  const pi2000 = `${piDigits(2000)}\n`;
  it.each<[string, string[], { stdout: string; stderr?: string; code: number; ms: number }]>([
    ['the docs\' pi Job', ['-Mbignum=bpi', '-wle', 'print bpi(2000)'], { stdout: pi2000, code: 0, ms: bpiCpuMs(2000) }],
    ['bpi without -l', ['-Mbignum=bpi', '-e', 'print bpi(10)'], { stdout: '3.141592654', code: 0, ms: 20 }],
    ['bpi without importing it', ['-wle', 'print bpi(10)'], { stdout: '', stderr: 'Undefined subroutine &main::bpi called at -e line 1.\n', code: 255, ms: 0 }],
    ['a double-quoted string', ['-e', 'print "hello\\tworld\\n"'], { stdout: 'hello\tworld\n', code: 0, ms: 0 }],
    ['single quotes and -l', ['-le', "print 'a\\n'; print('b')"], { stdout: 'a\\n\nb\n', code: 0, ms: 0 }],
    ['any other program', ['-e', 'my $x = 1; print $x'], { stdout: '', code: 0, ms: 0 }],
    ['no program (the image\'s CMD)', ['-de0'], { stdout: '', code: 0, ms: 0 }],
  ])('%s', (_name, args, want) => {
    const result = perl(args);
    expect({ stdout: result.stdout, stderr: result.stderr, code: result.code, ms: result.ms }).toEqual({ stderr: '', ...want });
    expect(result.busyMs).toBe(result.ms);
  });

  it('takes a few seconds of CPU for 2000 digits, more for more', () => {
    expect(bpiCpuMs(2000)).toBe(3000);
    expect(bpiCpuMs(4000)).toBe(12_000);
  });

  it('runs from the perl image\'s shell, with stdout through redirections; busybox has no perl', () => {
    const output = (image: string): string => {
      const ctx = { env: {}, files: new Map<string, string>(), hostname: 'p', now: () => 0 };
      const process = startProcess(image === 'perl' ? 'perl' : 'shell', catalogue[`docker.io/library/${image}`], 'latest',
        { name: 'c', command: ['sh', '-c', 'perl -le \'print "hi"\' > /tmp/out; cat /tmp/out; /usr/bin/perl -e \'print "x"\''] }, ctx);
      if ('startError' in process) throw new Error(process.startError);
      let text = '';
      for (let step = process.run.next(); !step.done; step = process.run.next()) if (step.value.kind === 'output') text += step.value.text;
      return text;
    };
    expect(output('perl')).toBe('hi\nx');
    // The redirection still creates /tmp/out (empty), as sh opens it before looking up the command.
    expect(output('busybox')).toBe('sh: perl: not found\nsh: /usr/bin/perl: not found\n');
  });

  it('is in the registry with its real tags', () => {
    expect(resolveImage(parseImage('perl:5.34.0')!)).toMatchObject({ ok: true, behaviour: 'perl', size: 332_846_012 });
    expect(resolveImage(parseImage('perl:5.34-slim')!)).toMatchObject({ ok: true, behaviour: 'perl' });
    expect(resolveImage(parseImage('perl:5.99')!)).toMatchObject({ ok: false });
  });
});

describe('the docs\' job.yaml', () => {
  it('completes, and `kubectl logs job/pi` prints π to 2000 digits', () => {
    const cluster = new Cluster({ seed: 1, addons: false });
    const manifest = readFileSync('/work/shared/corpus/k8s-website-examples/controllers/job.yaml', 'utf8');
    expect(runKubectl(cluster, 'kubectl apply -f job.yaml', { files: { 'job.yaml': manifest } }).stdout).toBe('job.batch/pi created\n');
    cluster.advance(120_000);
    expect(runKubectl(cluster, 'kubectl get job pi -o jsonpath={.status.succeeded}').stdout).toBe('1');
    expect(runKubectl(cluster, 'kubectl logs job/pi')).toMatchObject({ stdout: `${piDigits(2000)}\n`, exitCode: 0 });
  });
});
