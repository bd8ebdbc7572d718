/**
 * Command-line options of `kubelab serve`, parsed and checked (DESIGN.md contract 2).
 */

export interface ServeOptions {
  port: number;
  host: string;
  nodes: number;
  seed: number;
  clock: 'real' | 'manual';
  speed: number;
  lesson?: string;
  /** `npm start` passes this to print where to open the lab. */
  openHint: boolean;
  /** The built lab's folder (`vite build`'s output); dist/ beside the package when absent. */
  dist?: string;
}

export const defaultServeOptions: ServeOptions = {
  port: 8080,
  host: '127.0.0.1',
  nodes: 3,
  seed: 1,
  clock: 'real',
  speed: 1,
  openHint: false,
};

export const serveUsage = `Serve a simulated Kubernetes v1.32 cluster: the Kubernetes API for kubectl, the lab control API and the lab.

Usage:
  kubelab serve [--port 8080] [--host 127.0.0.1] [--nodes 3] [--seed N] [--clock real|manual] [--speed X] [--lesson ID]

Options:
  --port     TCP port to listen on (0 picks a free one)            default 8080
  --host     address to listen on (0.0.0.0 for a classroom LAN)     default 127.0.0.1
  --nodes    number of worker nodes                                 default 3
  --seed     seed of the cluster's random source                    default 1
  --clock    real: time runs by itself; manual: only /kubelab/v1/advance moves it
  --speed    with --clock real, virtual seconds per real second     default 1
  --lesson   start with this lesson's cluster

Then: kubectl --server http://127.0.0.1:8080 get pods -A
`;

/** Parse `serve` arguments; returns an error message for bad input. */
export function parseServeArgs(args: string[]): ServeOptions | string {
  const options: ServeOptions = { ...defaultServeOptions };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) return `invalid --port: must be an integer between 0 and 65535`;
        options.port = port;
        break;
      }
      case '--host': {
        const host = value();
        if (!host) return 'invalid --host: missing value';
        options.host = host;
        break;
      }
      case '--nodes': {
        const nodes = Number(value());
        if (!Number.isInteger(nodes) || nodes < 0 || nodes > 5000) return 'invalid --nodes: must be an integer between 0 and 5000';
        options.nodes = nodes;
        break;
      }
      case '--seed': {
        const seed = Number(value());
        if (!Number.isInteger(seed)) return 'invalid --seed: must be an integer';
        options.seed = seed;
        break;
      }
      case '--clock': {
        const clock = value();
        if (clock !== 'real' && clock !== 'manual') return 'invalid --clock: must be "real" or "manual"';
        options.clock = clock;
        break;
      }
      case '--speed': {
        const speed = Number(value());
        if (!Number.isFinite(speed) || speed <= 0 || speed > 1000) return 'invalid --speed: must be a number greater than 0 and at most 1000';
        options.speed = speed;
        break;
      }
      case '--lesson': {
        const lesson = value();
        if (!lesson) return 'invalid --lesson: missing value';
        options.lesson = lesson;
        break;
      }
      case '--open-hint':
        options.openHint = true;
        break;
      default:
        return `unknown flag: ${arg}`;
    }
  }
  return options;
}
