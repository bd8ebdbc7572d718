/**
 * The terminal's line editing, as plain logic over the bytes xterm hands us: insert, backspace,
 * cursor keys, Home/End, history with up/down, Ctrl-C, Ctrl-L and tab completion. Each call
 * returns what to write to the terminal and, on Enter, the line to run.
 */

/** What a key press asks the terminal to do. */
export interface EditResult {
  /** Bytes for the terminal (echo, redraws, bell). */
  write: string;
  /** A complete line the user submitted with Enter. */
  submit?: string;
}

/** Completion candidates for the word at the cursor. */
export type Completer = (wordsBefore: string[], partial: string) => string[];

const esc = '\x1b[';

/** The longest common prefix of some words. */
export function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** A completer for `kubectl VERB TYPE`: verbs in the first argument, resource types after a verb that takes one. */
export function kubectlCompleter(verbs: string[], resources: string[]): Completer {
  const typed = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain', 'expose', 'create', 'logs', 'rollout']);
  return (before, partial) => {
    const args = before.filter((w) => !w.startsWith('-'));
    if (args.length === 0) return ['kubectl'].filter((w) => w.startsWith(partial));
    if (args[0] !== 'kubectl' && args[0] !== 'k') return [];
    if (args.length === 1) return verbs.filter((v) => v.startsWith(partial));
    if (args.length === 2 && typed.has(args[1])) return resources.filter((r) => r.startsWith(partial));
    return [];
  };
}

export class LineEditor {
  line = '';
  cursor = 0;
  private history: string[] = [];
  /** Position while browsing history; `history.length` is the line being typed. */
  private historyIndex = 0;
  private draft = '';

  /** `completer` may be replaced once the worker has said which words it knows. */
  constructor(readonly prompt: string, public completer: Completer = () => []) {}

  /** Redraw the line from its start, then put the cursor back where it belongs. */
  private redraw(): string {
    const back = this.line.length - this.cursor;
    return `\r${this.prompt}${this.line}${esc}K${back > 0 ? `${esc}${back}D` : ''}`;
  }

  private insert(text: string): string {
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
    return this.cursor === this.line.length ? text : this.redraw();
  }

  private recall(index: number): string {
    if (index < 0 || index > this.history.length) return '\x07';
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = index;
    this.line = index === this.history.length ? this.draft : this.history[index];
    this.cursor = this.line.length;
    return this.redraw();
  }

  private enter(): EditResult {
    const line = this.line;
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.historyIndex = this.history.length;
    this.line = '';
    this.cursor = 0;
    return { write: '\r\n', submit: line };
  }

  private tab(): string {
    const head = this.line.slice(0, this.cursor);
    const words = head.split(/\s+/);
    const partial = words.pop() ?? '';
    return this.offer(partial, this.completer(words.filter(Boolean), partial));
  }

  /**
   * Complete with candidates for the text from `from` to the cursor (what the engine's
   * `complete(line, cursor)` answers): one is inserted with a space, several are extended to
   * their common prefix or listed. Returns what to write to the terminal.
   */
  completeWith(from: number, items: string[]): string {
    const start = Math.max(0, Math.min(from, this.cursor));
    return this.offer(this.line.slice(start, this.cursor), items.filter((item) => item.startsWith(this.line.slice(start, this.cursor))));
  }

  private offer(partial: string, candidates: string[]): string {
    if (candidates.length === 0) return '\x07';
    if (candidates.length === 1) return this.insert(candidates[0].slice(partial.length) + ' ');
    const prefix = commonPrefix(candidates);
    if (prefix.length > partial.length) return this.insert(prefix.slice(partial.length));
    // Ambiguous: list the candidates as a shell does, then the prompt again.
    return `\r\n${candidates.join('  ')}\r\n${this.redraw()}`;
  }

  /** The prompt for a new line. */
  start(): string {
    return this.prompt;
  }

  /** Handle the data of one xterm `onData` event (a key, an escape sequence or a paste). */
  input(data: string): EditResult {
    switch (data) {
      case '\r': return this.enter();
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return { write: '\x07' };
        this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
        this.cursor--;
        return { write: this.redraw() };
      case '\x03': {
        // Ctrl-C: abandon the line, as bash does (^C, a fresh prompt).
        this.line = '';
        this.cursor = 0;
        this.historyIndex = this.history.length;
        return { write: `^C\r\n${this.prompt}` };
      }
      case '\x0c': return { write: `${esc}2J${esc}H${this.redraw()}` };
      case '\t': return { write: this.tab() };
      case `${esc}A`: return { write: this.recall(this.historyIndex - 1) };
      case `${esc}B`: return { write: this.recall(this.historyIndex + 1) };
      case `${esc}C`:
        if (this.cursor >= this.line.length) return { write: '' };
        this.cursor++;
        return { write: `${esc}C` };
      case `${esc}D`:
        if (this.cursor === 0) return { write: '' };
        this.cursor--;
        return { write: `${esc}D` };
      case `${esc}H`: case '\x1bOH': case '\x01':
        this.cursor = 0;
        return { write: this.redraw() };
      case `${esc}F`: case '\x1bOF': case '\x05':
        this.cursor = this.line.length;
        return { write: this.redraw() };
    }
    if (data.startsWith('\x1b')) return { write: '' };
    // A paste: only its first line runs now; the caller feeds the rest after the answer.
    const printable = [...data].filter((c) => c.charCodeAt(0) >= 0x20).join('');
    return { write: this.insert(printable) };
  }
}
