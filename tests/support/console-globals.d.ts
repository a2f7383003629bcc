/**
 * The window globals the consoles expose to the tests (the volunteer console's `__volunteerMetrics`),
 * for tsconfig.tests.json: the tests hand code that reads them to Chromium (page.evaluate).
 */
import type {} from '../../consoles/volunteer/controller.ts';
