// Minimal types for the part of `qrcode` the synthetic set uses (the package ships none).
declare module 'qrcode' {
  interface ToBufferOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
    width?: number;
    color?: { dark?: string; light?: string };
  }
  const QRCode: { toBuffer(text: string, opts?: ToBufferOptions): Promise<Buffer> };
  export default QRCode;
}
