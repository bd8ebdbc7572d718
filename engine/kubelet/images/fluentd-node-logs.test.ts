import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { ContainerLog } from '../logs.ts';
import { NodeLogBook, nodeLogBook } from './fluentd-node-logs.ts';

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: name } } });
const texts = (book: NodeLogBook, reader = 'fluentd'): string[] => book.read(reader).map((e) => `${e.pod.name}/${e.container.name}: ${e.text.trim()}`);

describe('NodeLogBook', () => {
  it('gives each reader only the lines it has not read, across containers', () => {
    const book = new NodeLogBook('node-1');
    const a = new ContainerLog('containerd://aaa');
    const b = new ContainerLog('containerd://bbb');
    book.add(pod('web'), 'nginx', 'docker.io/library/nginx:1.27', a);
    a.append(1, 'stdout', 'one\ntwo\n');
    expect(texts(book)).toEqual(['web/nginx: one', 'web/nginx: two']);
    book.add(pod('counter'), 'count', 'docker.io/library/busybox:1.36', b);
    a.append(2, 'stdout', 'three\n');
    b.append(2, 'stdout', '0\n');
    expect(texts(book)).toEqual(['web/nginx: three', 'counter/count: 0']);
    expect(texts(book)).toEqual([]);
    // Another reader (another pos_file) starts from the head.
    expect(texts(book, 'other')).toHaveLength(4);
  });

  it('finds its place again after the log rotated old lines away', () => {
    const book = new NodeLogBook('node-1');
    const log = new ContainerLog('containerd://ccc');
    book.add(pod('chatty'), 'c', 'busybox', log);
    for (let i = 0; i < 10_000; i++) log.append(i, 'stdout', `${i}\n`);
    expect(book.read('f')).toHaveLength(10_000);
    for (let i = 10_000; i < 10_005; i++) log.append(i, 'stdout', `${i}\n`);
    expect(texts(book, 'f')).toEqual(['chatty/c: 10000', 'chatty/c: 10001', 'chatty/c: 10002', 'chatty/c: 10003', 'chatty/c: 10004']);
  });

  it('forgets a stopped container once it is read, and adds the metadata fields', () => {
    const book = new NodeLogBook('node-2');
    const log = new ContainerLog('containerd://ddd');
    book.add(pod('job'), 'main', 'busybox', log);
    log.append(5, 'stderr', 'done\n');
    log.close();
    expect(book.read('f')).toEqual([{ time: 5, stream: 'stderr', text: 'done\n', host: 'node-2', pod: { name: 'job', namespace: 'default', uid: 'uid-job', labels: { app: 'job' } }, container: { name: 'main', id: 'ddd', image: 'busybox' } }]);
    expect(book.read('late-reader')).toEqual([]);
  });

  it('keeps one book per node object', () => {
    const node = { name: 'node-3' };
    expect(nodeLogBook(node)).toBe(nodeLogBook(node));
    expect(nodeLogBook({ name: 'node-3' })).not.toBe(nodeLogBook(node));
  });
});
