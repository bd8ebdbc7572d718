/**
 * Splits a YAML stream into documents the way kubectl's reader does (apimachinery
 * `util/yaml.YAMLReader`) before go-yaml sees any of them: a line starting with `---` ends a
 * document, so each document's error line numbers count from the line after its separator.
 */

/** One document's text and where it sits in the whole file. */
export interface DocumentChunk {
  text: string;
  /** 0-based line in the whole text where this chunk's first line is. */
  firstLine: number;
  /** Set when the separator line itself is invalid (`--- foo`), as kubectl reports it. */
  separatorError?: string;
}

/** Splits `text` on `---` lines; a separator may only be followed by spaces or a comment. */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let buffer: string[] = [];
  let bufferStart = 0;
  const lines = text.split('\n');
  // A trailing newline does not start another (empty) line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) {
        chunks.push({ text: '', firstLine: i, separatorError: `invalid Yaml document separator: ${rest}` });
        return chunks;
      }
      if (buffer.length > 0) chunks.push({ text: buffer.join('\n') + '\n', firstLine: bufferStart });
      buffer = [];
      bufferStart = i + 1;
      continue;
    }
    if (buffer.length === 0) bufferStart = i;
    buffer.push(line);
  }
  if (buffer.length > 0) {
    const last = buffer.join('\n') + (text.endsWith('\n') ? '\n' : '');
    chunks.push({ text: last, firstLine: bufferStart });
  }
  return chunks;
}
