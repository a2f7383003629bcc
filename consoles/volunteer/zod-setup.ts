/**
 * Imported first by main.tsx: no eval under the hub's CSP (see ../zod-setup.ts, shared by both
 * consoles so it runs before any schema of their shared chunk is built).
 */
import '../zod-setup.ts';
