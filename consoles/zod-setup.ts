/**
 * Imported first by each console's main.tsx (through its own zod-setup.ts): no eval under the
 * hub's CSP. zod's JIT probes `new Function` (which the CSP refuses and reports) as soon as an
 * object schema is built; jitless skips the probe. One module for both consoles, so the bundler
 * puts it in their shared chunk ahead of the contract schemas both of them build there.
 */
import { config } from 'zod';

config({ jitless: true });
