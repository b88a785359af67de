import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, whether this runs from the sources (server/src/kernel) or compiled
 * (dist/server/src/kernel): files that ship beside the code are found from here in both.
 */
const here = new URL('.', import.meta.url);
const compiled = here.pathname.includes('/dist/server/src/');
export const PROJECT_ROOT = fileURLToPath(new URL(compiled ? '../../../../' : '../../../', here));

export const projectPath = (relative: string): string => join(PROJECT_ROOT, relative);
