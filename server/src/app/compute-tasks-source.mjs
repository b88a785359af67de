// Run from TypeScript sources (tests, `npm run dev`): worker threads inherit neither tsx's loader nor
// vitest's transform, so each worker registers tsx before loading the tasks. Compiled builds load
// compute-tasks.js directly and never reach this file.
import { register } from 'tsx/esm/api';

register();
export const { analyze, fit } = await import('./compute-tasks.ts');
