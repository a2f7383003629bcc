/**
 * Imported first by main.tsx: no eval under the hub's CSP. zod's JIT probes
 * `new Function` (which the CSP refuses and reports); jitless skips the probe.
 */
import { config } from 'zod';

config({ jitless: true });
