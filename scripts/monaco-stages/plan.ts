/**
 * Plans how the page evaluates a large module graph (monaco, ~3 MB of modules) in several tasks
 * instead of one. A browser evaluates every module an `import()` reaches in one task; monaco's took
 * 300 ms of the page's main thread, long after load. Importing the graph in stages, each stage only
 * the modules that come next in the order the one big import would have evaluated them, keeps each
 * task short and keeps that order exactly.
 *
 * ES modules evaluate in depth-first post-order of their imports (ECMA-262 InnerModuleEvaluation),
 * and a cycle evaluates as one unit, entered at the module the traversal reached first. Tarjan's
 * algorithm yields the strongly connected components in exactly that post-order, each with that
 * first-reached module as its root; importing the roots in order re-creates the original evaluation.
 */

/** One unit of evaluation: a module, or a cycle of modules that evaluates together, entered at `root`. */
export interface EvaluationUnit {
  /** The module to import: the cycle's first-reached module. */
  root: string;
  /** Every module of the unit, in the order they evaluate (root last). */
  modules: string[];
}

/**
 * The units `entries` evaluate, in evaluation order, given each module's static imports in source
 * order (`importsOf`; unknown modules have none).
 */
export function evaluationUnits(entries: readonly string[], importsOf: ReadonlyMap<string, readonly string[]>): EvaluationUnit[] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const finished = new Map<string, number>();
  const units: EvaluationUnit[] = [];
  const visit = (module: string): void => {
    index.set(module, index.size);
    lowLink.set(module, index.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const dependency of importsOf.get(module) ?? []) {
      if (!index.has(dependency)) {
        visit(dependency);
        lowLink.set(module, Math.min(lowLink.get(module)!, lowLink.get(dependency)!));
      } else if (onStack.has(dependency)) {
        lowLink.set(module, Math.min(lowLink.get(module)!, index.get(dependency)!));
      }
    }
    finished.set(module, finished.size);
    if (lowLink.get(module) !== index.get(module)) return;
    // `module` is the root of a unit: everything above it on the stack belongs to it, and they
    // evaluate in the order their traversal finished.
    const members = stack.splice(stack.indexOf(module));
    for (const member of members) onStack.delete(member);
    units.push({ root: module, modules: members.sort((a, b) => finished.get(a)! - finished.get(b)!) });
  };
  for (const entry of entries) if (!index.has(entry)) visit(entry);
  return units;
}

/**
 * Splits the units, in order, into at most `count` stages of about equal weight (`weightOf` each
 * module, e.g. its size in bytes), each stage a list of units in order (import their roots). A stage
 * aims at an equal share of what the stages before it left, so one heavy unit does not crowd the rest.
 */
export function stagesOf(units: readonly EvaluationUnit[], weightOf: (module: string) => number, count: number): EvaluationUnit[][] {
  const weights = units.map((unit) => unit.modules.reduce((sum, module) => sum + weightOf(module), 0));
  let left = weights.reduce((sum, weight) => sum + weight, 0);
  const stages: EvaluationUnit[][] = [];
  let stage: EvaluationUnit[] = [];
  let weight = 0;
  units.forEach((unit, i) => {
    stage.push(unit);
    weight += weights[i]!;
    const share = left / (count - stages.length);
    if (weight >= share && stages.length < count - 1 && i < units.length - 1) {
      stages.push(stage);
      left -= weight;
      stage = [];
      weight = 0;
    }
  });
  if (stage.length) stages.push(stage);
  return stages;
}
