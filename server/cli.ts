/**
 * The `kubelab` command: `kubelab serve [options]`.
 */
import { parseServeArgs, serveUsage } from './options.ts';
import { startLabServer } from './http.ts';

const usage = `kubelab: an interactive lab for learning Kubernetes.

Usage:
  kubelab serve [options]   serve a simulated cluster (kubelab serve --help for options)
`;

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  if (command !== 'serve') {
    process.stderr.write(`kubelab: unknown command "${command}"\n\n${usage}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(serveUsage);
    return 0;
  }
  const options = parseServeArgs(rest);
  if (typeof options === 'string') {
    process.stderr.write(`kubelab serve: ${options}\n\n${serveUsage}`);
    return 1;
  }
  let lab;
  try {
    lab = await startLabServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${options.port} is already in use (try --port 0 or another port)` : (error as Error).message;
    process.stderr.write(`kubelab serve: ${why}\n`);
    return 1;
  }
  process.stdout.write(`Kubelab is serving a simulated Kubernetes v1.32 cluster at ${lab.url}\n`);
  if (options.openHint) process.stdout.write(`Open ${lab.url}/ in your browser.\n`);
  process.stdout.write(`  kubectl --server ${lab.url} get namespaces\n`);
  process.stdout.write(`  clock: ${options.clock}${options.clock === 'real' ? ` at ${options.speed}x` : ' (POST /kubelab/v1/advance moves it)'}, seed ${options.seed}\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      void lab.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
