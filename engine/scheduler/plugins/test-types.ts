/** Types the plugin tests share (re-exported so the test imports stay short). */
export type { FilterPlugin, NodeInfo, PreFilterPlugin, ScorePlugin } from '../types.ts';

/** Options for a test node: see makeNode in ../test-helpers.ts. */
export interface KubeNodeOptions {
  zone?: string;
  pods?: string;
  unschedulable?: boolean;
  labels?: Record<string, string>;
  taints?: { key: string; effect: string; value?: string }[];
}
