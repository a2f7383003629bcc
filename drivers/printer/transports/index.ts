/** Picks the transport from the kiosk config's `devices.printer` (PrinterConfig). */
import { NetworkTransport } from './network.ts';
import { SerialTransport } from './serial.ts';
import type { PrinterTransport } from './transport.ts';
import { UsbTransport } from './usb.ts';

/**
 * Shaped like `PrinterConfig` in kiosk-config/config.schema.ts (as written, defaults optional, or
 * as parsed). Declared here so drivers/ imports nothing but common code; a test checks both agree.
 */
export type PrinterConfigInput =
  | { transport: 'none' }
  | { transport: 'virtual'; paperWidthMm?: 58 | 80 }
  | { transport: 'serial'; path: string; baudRate?: number; model?: string; paperWidthMm?: 58 | 80 }
  | { transport: 'network'; host: string; port?: number; model?: string; paperWidthMm?: 58 | 80 }
  | { transport: 'usb'; path: string; model?: string; paperWidthMm?: 58 | 80 };

export interface VirtualEndpoint {
  /** TCP port of a running virtual printer (127.0.0.1). */
  port: number;
}

/**
 * `none` → null (no printer: the kiosk shows the code on screen). `virtual` needs the endpoint of
 * the in-process virtual printer and talks to it over TCP, exactly like a network printer.
 */
export function createTransport(config: PrinterConfigInput, virtual?: VirtualEndpoint): PrinterTransport | null {
  switch (config.transport) {
    case 'none':
      return null;
    case 'virtual':
      if (!virtual) throw new Error('printer transport "virtual" needs a running virtual printer');
      return new NetworkTransport({ host: '127.0.0.1', port: virtual.port });
    case 'serial':
      return new SerialTransport({ path: config.path, baudRate: config.baudRate ?? 9600 });
    case 'network':
      return new NetworkTransport({ host: config.host, port: config.port ?? 9100 });
    case 'usb':
      return new UsbTransport(config.path);
  }
}

export { NetworkTransport, SerialTransport, UsbTransport };
export type { PrinterTransport };
