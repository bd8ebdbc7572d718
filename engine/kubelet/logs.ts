/**
 * Container logs as the kubelet keeps them: one buffer per container instance (by container ID),
 * the current and the previous instance kept, so `kubectl logs --previous` works after a restart.
 * `readLog` applies the log options the API passes on (tailLines, sinceSeconds, sinceTime,
 * timestamps, limitBytes); `follow` streams new lines until the container stops.
 */
import type { LogOptions } from '../api/handlers/pod-log.ts';
import type { TextStream } from '../api/types.ts';

export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Lines kept per container instance; older ones are dropped, as log rotation would. */
const maxLines = 10_000;

/** The log of one container instance. */
export class ContainerLog {
  readonly lines: LogLine[] = [];
  private listeners = new Set<{ data: (chunk: string) => void; end: () => void; timestamps: boolean }>();
  closed = false;

  constructor(readonly containerId: string) {}

  append(time: number, stream: 'stdout' | 'stderr', text: string): void {
    // A chunk may hold several lines; each becomes one CRI log entry.
    const parts = text.split(/(?<=\n)/);
    for (const part of parts) {
      if (!part) continue;
      const line = { time, stream, text: part };
      this.lines.push(line);
      for (const l of this.listeners) l.data(formatLine(line, l.timestamps));
    }
    if (this.lines.length > maxLines) this.lines.splice(0, this.lines.length - maxLines);
  }

  /** The container stopped: end every follower. */
  close(): void {
    this.closed = true;
    for (const l of this.listeners) l.end();
    this.listeners.clear();
  }

  /** A follow stream: the selected lines so far, then new lines until the container stops. */
  follow(options: LogOptions, now: number): TextStream {
    let listener: { data: (chunk: string) => void; end: () => void; timestamps: boolean } | undefined;
    return {
      start: (onData, onEnd) => {
        const text = selectLines(this.lines, options, now);
        if (text) onData(text);
        if (this.closed) { onEnd(); return; }
        listener = { data: onData, end: onEnd, timestamps: options.timestamps };
        this.listeners.add(listener);
      },
      close: () => { if (listener) this.listeners.delete(listener); },
    };
  }
}

/** RFC 3339 with nine fraction digits, the kubelet's `--timestamps` format. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function formatLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${logTimestamp(line.time)} ${line.text}` : line.text;
}

/** The text `kubectl logs` prints for these options. */
export function selectLines(lines: LogLine[], options: LogOptions, now: number): string {
  let selected = lines;
  let since: number | undefined;
  if (options.sinceSeconds !== undefined) since = now - options.sinceSeconds * 1000;
  else if (options.sinceTime) since = Date.parse(options.sinceTime);
  if (since !== undefined) selected = selected.filter((l) => l.time >= since);
  if (options.tailLines !== undefined && options.tailLines >= 0) selected = options.tailLines === 0 ? [] : selected.slice(-options.tailLines);
  let text = selected.map((l) => formatLine(l, options.timestamps)).join('');
  if (options.limitBytes !== undefined && options.limitBytes >= 0) text = text.slice(0, options.limitBytes);
  return text;
}
