// Worker threads do not inherit the tsx loader of the thread that starts them (nor vitest's
// transform), so each worker registers it before loading the TypeScript tasks.
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./worker-tasks.ts');
export default run;
