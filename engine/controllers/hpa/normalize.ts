/**
 * From the metrics' recommendation to the replica count the HPA writes (horizontal.go's
 * normalizeDesiredReplicas…): stabilization windows over recent recommendations, then the rate
 * limits — without `spec.behavior`, at most max(2 × current, 4) per sync and a 5-minute
 * scale-down window; with it, the policies (defaults: up 100% or 4 pods per 15 s, whichever is
 * more; down 100% per 15 s, after a 300 s window).
 *
 * Example (defaults, behavior set): 2 replicas, metrics ask for 10. Policies allow 2 × 2 = 4
 * (100%) or 2 + 4 = 6 (4 pods); `selectPolicy: Max` takes 6, and ScalingLimited says
 * `ScaleUpLimit`. Fifteen seconds later the window holds +4, so the next step starts from 6.
 */

/** A recommendation the controller made, kept for the stabilization windows. */
export interface Recommendation {
  replicas: number;
  at: number;
}

/** A rescale the controller made, kept for the rate-limiting policies. */
export interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

/** What the controller remembers per HPA between syncs. */
export interface HpaMemory {
  recommendations: Recommendation[];
  scaleUp: ScaleEvent[];
  scaleDown: ScaleEvent[];
}

/** autoscaling/v2 HPAScalingPolicy. */
export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/** autoscaling/v2 HPAScalingRules, after defaulting. */
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

/** autoscaling/v2 HorizontalPodAutoscalerBehavior. */
export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

/** The outcome: replicas, and the reasons and messages for the AbleToScale and ScalingLimited conditions. */
export interface Normalized {
  replicas: number;
  ableToScale: { reason: string; message: string };
  limited: { status: 'True' | 'False'; reason: string; message: string };
}

const readyForNewScale = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const scaleDownStabilized = { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
const scaleUpStabilized = { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' };
const withinRange = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const scaleUpLimit = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const tooMany = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const tooFew = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
const scaleDownLimit = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };

function limited(replicas: number, stabilized: number, rule: { reason: string; message: string }): Normalized['limited'] {
  return { status: replicas === stabilized ? 'False' : 'True', ...rule };
}

/** `normalizeDesiredReplicas`: no behavior set — a plain down-scale window and the 2×/4 scale-up limit. */
export function normalizeWithoutBehavior(memory: HpaMemory, now: number, current: number, desired: number, min: number, max: number, downscaleWindowMs: number): Normalized {
  // stabilizeRecommendation: the highest recommendation within the window; one stale slot is reused.
  let highest = desired;
  let old = -1;
  for (let i = 0; i < memory.recommendations.length; i++) {
    const rec = memory.recommendations[i];
    if (rec.at < now - downscaleWindowMs) old = i;
    else if (rec.replicas > highest) highest = rec.replicas;
  }
  record(memory.recommendations, old, { replicas: desired, at: now });
  const ableToScale = highest !== desired ? scaleDownStabilized : readyForNewScale;
  const upLimit = Math.max(2 * current, 4);
  const maxAllowed = Math.min(max, upLimit);
  const overRule = max > upLimit ? scaleUpLimit : tooMany;
  let replicas = highest;
  let rule = withinRange;
  if (highest < min) { replicas = min; rule = tooFew; } else if (highest > maxAllowed) { replicas = maxAllowed; rule = overRule; }
  return { replicas, ableToScale, limited: limited(replicas, highest, rule) };
}

function record<T>(list: T[], index: number, item: T): void {
  if (index >= 0) list[index] = item;
  else list.push(item);
}

/** `stabilizeRecommendationWithBehaviors`: keep the recommendation between the up and down windows' extremes. */
function stabilize(memory: HpaMemory, now: number, current: number, desired: number, behavior: Required<Behavior>): { replicas: number; reason: string; message: string } {
  const upCutoff = now - (behavior.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (behavior.scaleDown.stabilizationWindowSeconds ?? 300) * 1000;
  let up = desired;
  let down = desired;
  let old = -1;
  memory.recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.at > downCutoff) down = Math.max(rec.replicas, down);
    if (rec.at < upCutoff && rec.at < downCutoff) old = i;
  });
  let replicas = current;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  record(memory.recommendations, old, { replicas: desired, at: now });
  return { replicas, ...(desired >= current ? scaleUpStabilized : scaleDownStabilized) };
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.at > cutoff ? sum + e.change : sum), 0);
}

/** The most the policies allow scaling up to from `current`, given recent scale events. */
export function scaleUpLimitWithRules(current: number, memory: HpaMemory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const start = current - changeInPeriod(policy.periodSeconds, memory.scaleUp, now) + changeInPeriod(policy.periodSeconds, memory.scaleDown, now);
    // Rounded up, or a small percentage of a small deployment would never add a pod.
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** The fewest the policies allow scaling down to from `current`, given recent scale events. */
export function scaleDownLimitWithRules(current: number, memory: HpaMemory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const start = current - changeInPeriod(policy.periodSeconds, memory.scaleUp, now) + changeInPeriod(policy.periodSeconds, memory.scaleDown, now);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** `normalizeDesiredReplicasWithBehaviors`: stabilization windows, then the scaling policies' rate. */
export function normalizeWithBehavior(memory: HpaMemory, now: number, current: number, desired: number, min: number, max: number, behavior: Required<Behavior>): Normalized {
  const stabilized = stabilize(memory, now, current, desired, behavior);
  const ableToScale = stabilized.replicas !== desired ? { reason: stabilized.reason, message: stabilized.message } : readyForNewScale;
  const target = stabilized.replicas;
  let replicas = target;
  let rule = withinRange;
  if (target > current) {
    const limit = Math.max(scaleUpLimitWithRules(current, memory, behavior.scaleUp, now), current);
    const maxAllowed = Math.min(max, limit);
    if (target > maxAllowed) { replicas = maxAllowed; rule = max > limit ? scaleUpLimit : tooMany; }
  } else if (target < current) {
    const limit = Math.min(scaleDownLimitWithRules(current, memory, behavior.scaleDown, now), current);
    const minAllowed = Math.max(min, limit);
    if (target < minAllowed) { replicas = minAllowed; rule = min < limit ? scaleDownLimit : tooFew; }
  }
  return { replicas, ableToScale, limited: limited(replicas, target, rule) };
}

/** `storeScaleEvent`: remember a rescale for the policies' periods (only when a behavior is set). */
export function storeScaleEvent(memory: HpaMemory, behavior: Required<Behavior>, now: number, previous: number, next: number): void {
  const up = next > previous;
  const events = up ? memory.scaleUp : memory.scaleDown;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
  for (const e of events) if (e.at < now - longest * 1000) e.outdated = true;
  const index = events.findLastIndex((e) => e.outdated);
  record(events, index, { change: Math.abs(next - previous), at: now, outdated: false });
}

/** `GenerateHPAScaleUpRules` / `…ScaleDownRules` plus the controller's 300 s default window. */
export function defaultedBehavior(behavior: Behavior, downscaleWindowSeconds = 300): Required<Behavior> {
  const up = behavior.scaleUp ?? {};
  const down = behavior.scaleDown ?? {};
  return {
    scaleUp: {
      stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? 0,
      selectPolicy: up.selectPolicy ?? 'Max',
      policies: up.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }],
    },
    scaleDown: {
      stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? downscaleWindowSeconds,
      selectPolicy: down.selectPolicy ?? 'Max',
      policies: down.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    },
  };
}
