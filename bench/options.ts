/**
 * Command-line options of the benchmark scripts (`--pods 30000`, `--json`), read without a library.
 */

/** The number after `name` in `args`, or `fallback` when the option is absent. */
export function numberOption(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, got ${args[at + 1]}`);
  return value;
}

/** Whether the flag `name` is present. */
export function flag(args: string[], name: string): boolean {
  return args.includes(name);
}
