/**
 * busybox's `nslookup` (1.36, the built-in resolver): a name without a dot is tried with each
 * `search` domain of resolv.conf (busybox ignores ndots), an IP becomes a PTR question, and
 * without `-type` it asks A and AAAA. Each reply prints as it arrives; an error reply prints
 * `** server can't find NAME: NXDOMAIN` and makes the exit status 1. No reply within 5 s:
 * `;; connection timed out; no servers could be reached`.
 */
import type { DnsAnswer, DnsType } from './dns.ts';
import type { ResolvConf } from './resolv-conf.ts';

/** One step of a simulated command's run: output to a stream, or time passing. */
export interface ToolStep {
  stdout?: string;
  stderr?: string;
  sleepMs?: number;
}

/** A simulated command's whole run: its steps, exit code, and files it wrote. */
export interface ToolRun {
  steps: ToolStep[];
  code: number;
  files?: [string, string][];
}

/** What nslookup needs of the pod's network. */
export interface DnsClient {
  dns(qname: string, qtype: DnsType, server?: string): DnsAnswer | undefined;
  resolvConf(): ResolvConf;
}

const usage = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any,srv,ptr\n';
const types: Record<string, DnsType> = { a: 'A', aaaa: 'AAAA', cname: 'CNAME', srv: 'SRV', ptr: 'PTR' };

function ptrName(ip: string): string | undefined {
  const octets = ip.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return undefined;
  return `${[...octets].reverse().join('.')}.in-addr.arpa`;
}

function formatRecords(answer: DnsAnswer): string {
  return answer.records.map((r) => {
    switch (r.type) {
      case 'A': case 'AAAA': return `Name:\t${r.name}\nAddress: ${r.data}\n`;
      case 'CNAME': return `${r.name}\tcanonical name = ${r.data}\n`;
      case 'PTR': return `${r.name}\tname = ${r.data}\n`;
      case 'SRV': return `${r.name}\tservice = ${r.data}\n`;
    }
  }).join('');
}

/** Run `nslookup ARGS` against a pod's network. */
export function nslookup(args: string[], client: DnsClient): ToolRun {
  const asked: DnsType[] = [];
  let timeoutMs = 5000;
  let rest = [...args];
  while (rest[0]?.startsWith('-')) {
    const [flag, value = ''] = rest[0].slice(1).split('=');
    rest = rest.slice(1);
    if (flag === 'type' || flag === 'query' || flag === 't') {
      const type = types[value.toLowerCase()];
      if (!type) return { steps: [{ stderr: `nslookup: invalid query type "${value}"\n` }], code: 1 };
      if (!asked.includes(type)) asked.push(type);
    } else if (flag === 'timeout') timeoutMs = Number(value) * 1000 || timeoutMs;
    else if (flag !== 'debug' && flag !== 'retry' && flag !== 'port') return { steps: [{ stderr: usage }], code: 1 };
  }
  const [host, serverArg] = rest;
  if (!host || rest.length > 2) return { steps: [{ stderr: usage }], code: 1 };
  const conf = client.resolvConf();
  const server = serverArg ?? conf.nameservers[0] ?? '127.0.0.1';
  const queries: { name: string; type: DnsType }[] = [];
  const ptr = ptrName(host);
  const searched = (name: string): string[] => (host.includes('.') || !conf.searches.length ? [name] : conf.searches.map((d) => `${name}.${d}`));
  if (!asked.length && ptr) queries.push({ name: ptr, type: 'PTR' });
  else for (const type of asked.length ? asked : (['A', 'AAAA'] as DnsType[])) for (const name of type === 'PTR' ? [ptr ?? host] : searched(host)) queries.push({ name, type });
  let out = '';
  let code = 0;
  for (const query of queries) {
    const answer = client.dns(query.name, query.type, server);
    if (!answer) return { steps: [{ sleepMs: timeoutMs }, { stdout: ';; connection timed out; no servers could be reached\n\n' }], code: 1 };
    if (!out) out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    if (answer.rcode !== 'NOERROR') {
      out += `** server can't find ${query.name}: ${answer.rcode}\n`;
      code = 1;
    } else out += formatRecords(answer);
    out += '\n';
  }
  return { steps: [{ stdout: out }], code };
}
