/**
 * DOMPurify over the lesson HTML (lib/markdown.ts), the second line of defence: no scripts,
 * handlers, frames, forms, styles or images; links only https or relative, always with
 * rel="noopener noreferrer". Needs a DOM (the page), so it is tested in the browser tests.
 */
import DOMPurify from 'dompurify';
import { safeHref } from './markdown.ts';

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href !== null && !safeHref(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
    if (node.getAttribute('target') !== '_blank') node.removeAttribute('target');
  });
}

/** Sanitised lesson HTML, safe to set as innerHTML. */
export function sanitizeLessonHtml(html: string): string {
  configure();
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'iframe', 'form', 'input', 'textarea', 'select', 'video', 'audio', 'source', 'picture'],
    FORBID_ATTR: ['style', 'srcset', 'formaction'],
    ADD_ATTR: ['target'],
    ALLOW_DATA_ATTR: true,
  });
}
