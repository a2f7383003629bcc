/**
 * The web-standard globals that both runtimes of common/ have (browsers and Node ≥ 20), declared for
 * tsconfig.common.json, which has neither the DOM's types nor Node's: common/ may use these and
 * nothing else of its host. Only the members common/ uses; add one here when common/ needs it.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

interface PortableCryptoKey {
  readonly type: string;
}

interface PortableSubtleCrypto {
  importKey(format: 'raw', keyData: Uint8Array, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: boolean, keyUsages: 'sign'[]): Promise<PortableCryptoKey>;
  sign(algorithm: 'HMAC', key: PortableCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
}

// eslint-disable-next-line no-var -- a global (globalThis.crypto) is declared with var
declare var crypto: { readonly subtle: PortableSubtleCrypto };
