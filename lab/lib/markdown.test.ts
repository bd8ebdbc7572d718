import { describe, expect, it } from 'vitest';
import { kubectlLines, renderLesson, safeHref } from './markdown.ts';

describe('renderLesson', () => {
  it.each([
    ['raw HTML is text', 'a <img src=x onerror="alert(1)"> b', '<p>a &lt;img src=x onerror=&quot;alert(1)&quot;&gt; b</p>\n'],
    ['an HTML block is text', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'],
    ['a javascript: link keeps only its text', '[click](javascript:alert(1))', '<p>click</p>\n'],
    ['an http: link keeps only its text', '[site](http://example.com)', '<p>site</p>\n'],
    ['an https link opens apart', '[docs](https://kubernetes.io/docs/)', '<p><a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a></p>\n'],
    ['a relative link stays', '[next](#step-2)', '<p><a href="#step-2" rel="noopener noreferrer">next</a></p>\n'],
    ['an image is its alt text', '![a diagram](https://evil.example/x.png)', '<p>a diagram</p>\n'],
    ['a YAML block has no button', '```yaml\nkind: Pod\n```', '<pre><code>kind: Pod</code></pre>'],
  ])('%s', (_name, markdown, html) => {
    expect(renderLesson(markdown, 'Run').html).toBe(html);
  });

  it('gives kubectl blocks a run button and their lines', () => {
    const { html, commands } = renderLesson('```\nkubectl get nodes\nkubectl get pods\n```\n\n```\nnot a command\n```\n\n```sh\nk get svc <x>\n```', 'Run <here>');
    expect(commands).toEqual([['kubectl get nodes', 'kubectl get pods'], ['k get svc <x>']]);
    expect(html).toBe('<div class="runnable"><pre><code>kubectl get nodes\nkubectl get pods</code></pre><button type="button" class="run" data-run="0">Run &lt;here&gt;</button></div>'
      + '<pre><code>not a command</code></pre>'
      + '<div class="runnable"><pre><code>k get svc &lt;x&gt;</code></pre><button type="button" class="run" data-run="1">Run &lt;here&gt;</button></div>');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://kubernetes.io', true], ['page.html', true], ['/docs', true], ['#a', true],
    ['http://x', false], ['javascript:alert(1)', false], [' JaVaScRiPt:alert(1)', false], ['data:text/html,x', false],
    ['//evil.example', false], ['java\tscript:x', false], ['\\\\evil.example', false],
  ])('%j → %s', (href, safe) => {
    expect(safeHref(href)).toBe(safe);
  });
});

describe('kubectlLines', () => {
  it.each([
    ['kubectl get pods\n', ['kubectl get pods']],
    ['# look\nkubectl get pods\n\nk get no', ['kubectl get pods', 'k get no']],
    ['kubectl get pods\nNAME READY', undefined],
    ['', undefined],
  ])('%j', (code, lines) => {
    expect(kubectlLines(code)).toEqual(lines);
  });
});
