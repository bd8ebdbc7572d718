/** The Kubernetes website examples under the real `kubectl apply`, shard 2 of 2 (see website-examples.ts). */
import { describeWebsiteExamples } from './website-examples.ts';

describeWebsiteExamples(1, 2);
