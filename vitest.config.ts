import { defineConfig } from 'vitest/config';

/** The ID-card reader's files: OCR and image generators, each busy on both cores (tesseract workers, Java, Chromium…). */
const ID_CARD = ['tests/unit/idcard/**/*.test.ts', 'tests/unit/idcard-data*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // tests/adversarial: the hub and kiosk host attacked from outside; tests/fuzz: property-based fuzzers (issue 17).
          include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/adversarial/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          exclude: ID_CARD,
          environment: 'node',
          testTimeout: 20_000,
          // Two files at a time: these wait on servers, timers and child processes more than on the CPU. Vitest's default
          // is one fewer than the cores — one on this 2-core machine, so every file ran after the other (stop 27's CI:
          // 2,064 s, over its 30 minutes).
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'idcard',
          // One file at a time, after the unit files: the reader's time limits (15 s a read, 8 s an OCR job) are the
          // resident's, and two OCR files side by side on two cores pushed heavy reads past them (session 13).
          include: ID_CARD,
          environment: 'node',
          testTimeout: 20_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
