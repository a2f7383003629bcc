/**
 * A kiosk's screenshot as it sent it: an rrweb snapshot of its screen, masked
 * on the kiosk (inputs and personal text as asterisks), rebuilt here in
 * rrweb's sandboxed iframe (no scripts) and scaled to the panel. Nothing is
 * fetched from the kiosk (it strips resources before sending).
 * Layer: browser (DOM).
 */
import './ScreenshotView.css';
import { Replayer } from '@rrweb/replay';
import '@rrweb/replay/dist/style.css';
import { useEffect, useRef, useState } from 'react';

type RrEvent = { type: number; data: unknown; timestamp: number };

function parse(data: string): RrEvent[] | null {
  try {
    const v: unknown = JSON.parse(data);
    if (!Array.isArray(v)) return null;
    const events = v.filter((e): e is RrEvent => typeof e === 'object' && e !== null && typeof (e as RrEvent).type === 'number' && typeof (e as RrEvent).timestamp === 'number');
    return events.some((e) => e.type === 2) ? events : null;
  } catch {
    return null;
  }
}

export function ScreenshotView(props: { data: string }) {
  const box = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    const events = parse(props.data);
    const root = stage.current;
    const outer = box.current;
    if (!events || !root || !outer) {
      queueMicrotask(() => setBroken(true));
      return;
    }
    const r = new Replayer(events, { root, mouseTail: false, showWarning: false, triggerFocus: false, UNSAFE_replayCanvas: false, skipInactive: true });
    // Build the screen as it was at the last event, then hold it still.
    r.pause(events[events.length - 1]!.timestamp - events[0]!.timestamp);
    const meta = events.find((e) => e.type === 4)?.data as { width?: number; height?: number } | undefined;
    const width = meta?.width ?? 1920;
    const height = meta?.height ?? 1080;
    const scale = Math.min(1, outer.clientWidth / width);
    r.wrapper.style.transformOrigin = '0 0';
    r.wrapper.style.transform = `scale(${scale})`;
    root.style.width = `${Math.round(width * scale)}px`;
    root.style.height = `${Math.round(height * scale)}px`;
    return () => r.destroy();
  }, [props.data]);

  return broken ? (
    <p className="placeholder">Không hiển thị được ảnh màn hình này.</p>
  ) : (
    <div className="screenshot-box" ref={box}>
      <div className="screenshot-replay" data-testid="screenshot-replay" ref={stage} />
    </div>
  );
}
