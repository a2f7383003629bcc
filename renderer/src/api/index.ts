/**
 * Pick the carrier: the Electron bridge when the preload exposed it,
 * else the loopback WebSocket of browser mode. Layer: renderer.
 */
import { createKioskClient, type KioskClient } from '../../../common/contract/client.ts';
import { createBridgeTransport, getBridge } from './bridge-transport.ts';
import { createWsTransport, tokenFromHash, wsUrl, type ConnectionStatus } from './ws-transport.ts';

export type { ConnectionStatus };

export interface Connection {
  client: KioskClient;
  carrier: 'electron' | 'browser';
  /** Connection status changes (browser mode only; the bridge is always "open"). */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

export function connect(): Connection {
  const bridge = getBridge();
  if (bridge) {
    return { client: createKioskClient(createBridgeTransport(bridge)), carrier: 'electron', onStatus: () => () => undefined };
  }
  const token = tokenFromHash(location.hash); // in memory only; the hash stays for reloads
  const transport = createWsTransport({ url: wsUrl(location, token) });
  return { client: createKioskClient(transport), carrier: 'browser', onStatus: (l) => transport.onStatus(l) };
}
