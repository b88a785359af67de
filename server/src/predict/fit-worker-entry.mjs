// Worker threads do not inherit the tsx loader of the thread that starts them (nor vitest's
// transform), so each worker registers it before loading the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { default: fit } = await import('./fit-worker.ts');
export default fit;
