/** The printer driver's public surface, for kiosk services. See docs/printing.md. */
export { ReceiptPrinter, type PrintOutcome, type ReceiptPrinterOptions } from './device.ts';
export { buildReceiptJob, buildTextFileJob, type BuiltJob, type JobOptions } from './job.ts';
export { effectiveMode, PROFILES, resolveProfile, type PrinterProfile } from './profiles.ts';
export { PrintQueue, type JobState, type PrintJob } from './queue.ts';
export { PAPER, type Receipt } from './receipt.ts';
export { describeStatus, isReady, type PrinterState, type PrinterStatus } from './status.ts';
export { createTransport, type PrinterConfigInput, type PrinterTransport } from './transports/index.ts';
export { VirtualPrinter } from './virtual/printer.ts';
