/**
 * busybox's file commands as learners type them in `kubectl exec … -- sh -c`: ls (-l -a -1),
 * touch, mkdir (-p), rm (-r -f), cp (-r), mv and wc (-l -w -c), with busybox's exact messages.
 * Output is not a terminal under exec without -t, so `ls` prints one name per line.
 */
import type { FileSystem } from './file-system.ts';
import { byteLength, normalizePath } from './file-system.ts';
import { FileSystemError } from './file-tree.ts';

/** What a command printed and its exit status. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** The names this module runs. */
export const fileCommandNames = new Set(['ls', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'wc']);

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Split `-la`, `-rf` into flags; `--` ends them. */
function parseFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const arg of args) {
    if (!done && arg === '--') done = true;
    else if (!done && arg.startsWith('-') && arg.length > 1) for (const f of arg.slice(1)) flags.add(f);
    else operands.push(arg);
  }
  return { flags, operands };
}

function modeString(kind: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (1 << (8 - i)) ? c : '-')).join('');
  return (kind === 'dir' ? 'd' : '-') + bits;
}

/** busybox ls -l time: `Nov 27 18:20` within six months, else `Nov 27  2025`. */
function lsTime(mtime: number, now: number): string {
  const d = new Date(mtime);
  const day = `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}`;
  const recent = Math.abs(now - mtime) < 182 * 24 * 3600 * 1000;
  return `${day} ${recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`}`;
}

function ls(fs: FileSystem, flags: Set<string>, operands: string[], now: number): CommandResult {
  let stdout = '';
  let stderr = '';
  let status = 0;
  const long = flags.has('l');
  const line = (name: string, path: string): string => {
    const st = fs.stat(path)!;
    if (!long) return name + '\n';
    const nlink = st.kind === 'dir' ? 2 : 1;
    return `${modeString(st.kind, st.mode)} ${String(nlink).padStart(4)} root     root     ${String(st.size).padStart(9)} ${lsTime(st.mtime, now)} ${name}\n`;
  };
  const targets = operands.length ? operands : ['.'];
  const dirs: string[] = [];
  for (const target of targets) {
    const st = fs.stat(target === '.' ? '/' : target);
    if (!st) {
      stderr += `ls: ${target}: No such file or directory\n`;
      status = 1;
    } else if (st.kind === 'file') stdout += line(target, target);
    else dirs.push(target);
  }
  for (const dir of dirs) {
    const path = dir === '.' ? '/' : normalizePath(dir);
    const names = fs.list(path).filter((n) => flags.has('a') || !n.startsWith('.'));
    const entries = [...(flags.has('a') ? ['.', '..'] : []), ...names];
    if (targets.length > 1) stdout += `${stdout ? '\n' : ''}${dir}:\n`;
    if (long) {
      const blocks = entries.reduce((sum, n) => sum + Math.ceil((fs.stat(n === '.' || n === '..' ? path : `${path}/${n}`)?.size ?? 0) / 4096) * 4, 0);
      stdout += `total ${blocks}\n`;
    }
    for (const name of entries) stdout += line(name, name === '.' || name === '..' ? path : `${path === '/' ? '' : path}/${name}`);
  }
  return { stdout, stderr, status };
}

/** Run a file command, or undefined when `name` is not one. */
export function fileCommand(name: string, args: string[], fs: FileSystem, now: number): CommandResult | undefined {
  if (!fileCommandNames.has(name)) return undefined;
  const { flags, operands } = parseFlags(args);
  if (name === 'ls') return ls(fs, flags, operands, now);
  let stdout = '';
  let stderr = '';
  let status = 0;
  const attempt = (message: (errno: string) => string, action: () => void): void => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof FileSystemError)) throw error;
      stderr += message(error.errno) + '\n';
      status = 1;
    }
  };
  switch (name) {
    case 'touch':
      for (const path of operands) attempt((e) => `touch: ${path}: ${e}`, () => { if (!fs.stat(path)) fs.write(path, ''); });
      break;
    case 'mkdir':
      for (const path of operands) attempt((e) => `mkdir: can't create directory '${path}': ${e}`, () => fs.mkdir(path, flags.has('p')));
      break;
    case 'rm':
      for (const path of operands) {
        const st = fs.stat(path);
        if (!st) {
          if (!flags.has('f')) { stderr += `rm: can't remove '${path}': No such file or directory\n`; status = 1; }
          continue;
        }
        if (st.kind === 'dir' && !flags.has('r') && !flags.has('R')) { stderr += `rm: can't remove '${path}': Is a directory\n`; status = 1; continue; }
        attempt((e) => `rm: can't remove '${path}': ${e}`, () => fs.remove(path, true));
      }
      break;
    case 'cp':
    case 'mv': {
      const target = operands.at(-1) ?? '';
      for (const from of operands.slice(0, -1)) {
        const st = fs.stat(from);
        if (!st) { stderr += name === 'cp' ? `cp: can't stat '${from}': No such file or directory\n` : `mv: can't rename '${from}': No such file or directory\n`; status = 1; continue; }
        const into = fs.stat(target)?.kind === 'dir' ? `${normalizePath(target)}/${normalizePath(from).split('/').pop()}` : target;
        if (st.kind === 'dir' && name === 'cp' && !flags.has('r') && !flags.has('R') && !flags.has('a')) { stderr += `cp: omitting directory '${from}'\n`; status = 1; continue; }
        attempt((e) => (name === 'cp' ? `cp: can't create '${into}': ${e}` : `mv: can't rename '${from}': ${e}`), () => {
          copy(fs, normalizePath(from), normalizePath(into));
          if (name === 'mv') fs.remove(from, true);
        });
      }
      break;
    }
    case 'wc': {
      for (const path of operands) {
        const data = fs.read(path);
        if (data === undefined) { stderr += `wc: ${path}: ${fs.stat(path) ? 'Is a directory' : 'No such file or directory'}\n`; status = 1; continue; }
        const counts: number[] = [];
        const all = !flags.has('l') && !flags.has('w') && !flags.has('c');
        if (all || flags.has('l')) counts.push((data.match(/\n/g) ?? []).length);
        if (all || flags.has('w')) counts.push(data.split(/\s+/).filter((w) => w).length);
        if (all || flags.has('c')) counts.push(byteLength(data));
        stdout += counts.map((n) => String(n).padStart(counts.length === 1 ? 0 : 7)).join(' ') + ` ${path}\n`;
      }
      break;
    }
  }
  return { stdout, stderr, status };
}

function copy(fs: FileSystem, from: string, to: string): void {
  const data = fs.read(from);
  if (data !== undefined) {
    fs.write(to, data);
    return;
  }
  fs.mkdir(to, true);
  for (const name of fs.list(from)) copy(fs, `${from}/${name}`, `${to}/${name}`);
}
