import { describe, expect, it } from 'vitest';
import { curl } from './curl.ts';
import type { InClusterRequest, InClusterResult } from './http.ts';
import { wget } from './wget.ts';

const ok: InClusterResult = { status: 200, statusText: 'OK', headers: {}, body: '{}', address: '10.96.0.20', port: 9200, elapsedMs: 1 };

/** What a tool sent: method, the headers that matter here, and the body. */
function sent(tool: typeof curl, args: string[]): Pick<InClusterRequest, 'method' | 'body'> & { type?: string } {
  let request: Omit<InClusterRequest, 'fromPod' | 'fromNode'> | undefined;
  tool(args, (r) => { request = r; return ok; });
  return { method: request?.method, body: request?.body, type: request?.headers?.['Content-Type'] };
}

describe('request methods and bodies', () => {
  it.each<[string, string[], ReturnType<typeof sent>]>([
    ['curl plain GET', ['es:9200/_cat/indices'], { method: 'GET', body: undefined, type: undefined }],
    ['curl -XPUT', ['-XPUT', 'es:9200/idx'], { method: 'PUT', body: undefined, type: undefined }],
    ['curl -X DELETE', ['-X', 'DELETE', 'es:9200/idx'], { method: 'DELETE', body: undefined, type: undefined }],
    ['curl -d is a form POST', ['-d', '{"a":1}', 'es:9200/idx/_doc'], { method: 'POST', body: '{"a":1}', type: 'application/x-www-form-urlencoded' }],
    ['curl -H sets the type', ['-H', 'Content-Type: application/json', '-d', '{"a":1}', 'es:9200/idx/_doc'], { method: 'POST', body: '{"a":1}', type: 'application/json' }],
    ['curl -XPUT with --data-binary', ['-XPUT', '--data-binary', '{"a":1}\n', '-H', 'Content-Type: application/x-ndjson', 'es:9200/_bulk'], { method: 'PUT', body: '{"a":1}\n', type: 'application/x-ndjson' }],
    ['curl several -d join with &', ['-d', 'a=1', '--data-raw', 'b=2', 'web/form'], { method: 'POST', body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }],
    ['curl --data=inline', ['--data={"q":1}', 'web/x'], { method: 'POST', body: '{"q":1}', type: 'application/x-www-form-urlencoded' }],
    ['wget GET', ['-qO-', 'es:9200/'], { method: 'GET', body: undefined, type: undefined }],
    ['wget --post-data', ['-qO-', '--post-data={"a":1}', '--header', 'Content-Type: application/json', 'es:9200/idx/_doc'], { method: 'POST', body: '{"a":1}', type: 'application/json' }],
    ['wget --post-data STR, form type', ['-qO-', '--post-data', 'x=1', 'web/form'], { method: 'POST', body: 'x=1', type: 'application/x-www-form-urlencoded' }],
  ])('%s', (_name, args, expected) => {
    const tool = _name.startsWith('wget') ? wget : curl;
    expect(sent(tool, args)).toEqual(expected);
  });
});
