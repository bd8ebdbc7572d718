/** PodDisruptionBudget validation (pkg/apis/policy/validation). */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { str } from './field-path.ts';
import { isSet, notMoreThan100Percent, specOf, validateLabelSelector, validatePositiveIntOrPercent } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';

/** PodDisruptionBudget: minAvailable xor maxUnavailable, each an int or a percent ≤ 100%. */
export const validatePodDisruptionBudget: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    errs.push(fieldError.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (isSet(spec[f])) {
      errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`), ...notMoreThan100Percent(spec[f], `spec.${f}`));
    }
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (isSet(policy) && !['AlwaysAllow', 'IfHealthyBudget'].includes(str(policy))) {
    errs.push(fieldError.notSupported('spec.unhealthyPodEvictionPolicy', str(policy), ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
};
