/**
 * Lesson Markdown → HTML with `marked`, for the lesson panel. Lesson files are untrusted input
 * for an embedding page (research/api-semantics.md E3), so raw HTML is shown as text, links keep
 * only https and relative targets, images become their alt text (the lab fetches nothing from
 * anywhere), and the result still goes through DOMPurify (lib/sanitize.ts) before the page shows it.
 *
 * Code blocks whose lines are all kubectl commands get a "run in terminal" button; its
 * `data-run` is the block's index in `commands`.
 */
import { Marked, type Tokens } from 'marked';

/** A rendered lesson body. */
export interface RenderedLesson {
  html: string;
  /** The kubectl lines of each runnable code block, by its `data-run` index. */
  commands: string[][];
}

/** Text as HTML, with the five characters that matter escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** True for `https:` URLs and relative ones (`page.md`, `/docs`, `#step-2`); false for any other scheme and `//host`. */
export function safeHref(href: string): boolean {
  const trimmed = href.trim();
  if (/^https:\/\//i.test(trimmed)) return true;
  // A scheme (javascript:, data:, http:, file:) or a protocol-relative URL is refused; so are
  // control characters and backslashes browsers may fold into a scheme or host.
  return !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('//') && ![...trimmed].some((c) => c < ' ' || c === '\\');
}

/** The kubectl lines of a code block, or undefined when any line is something else (YAML, output). */
export function kubectlLines(code: string): string[] | undefined {
  const lines = code.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^(kubectl|k)\s/.test(l)) ? lines : undefined;
}

/** Render a lesson body; `runLabel` is the (translated) text of the run buttons. */
export function renderLesson(markdown: string, runLabel: string): RenderedLesson {
  const commands: string[][] = [];
  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag) {
        // Raw HTML is shown as the text the author wrote: a block as its own paragraph.
        return 'block' in token && token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        if (!safeHref(href)) return inner;
        const external = /^https:/i.test(href.trim());
        return `<a href="${escapeHtml(href.trim())}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' target="_blank"' : ''} rel="noopener noreferrer">${inner}</a>`;
      },
      image({ text }: Tokens.Image) {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code) {
        const lines = !lang || /^(sh|shell|bash|console)$/.test(lang) ? kubectlLines(text) : undefined;
        const block = `<pre><code>${escapeHtml(text)}</code></pre>`;
        if (!lines) return block;
        commands.push(lines);
        return `<div class="runnable">${block}<button type="button" class="run" data-run="${commands.length - 1}">${escapeHtml(runLabel)}</button></div>`;
      },
    },
  });
  const html = marked.parse(markdown) as string;
  return { html, commands };
}
