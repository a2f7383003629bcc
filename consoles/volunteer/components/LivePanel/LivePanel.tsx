/**
 * The kiosk's screen, replayed live (masked on the kiosk); a tap points at it for the resident.
 * Layer: browser (React).
 */
import './LivePanel.css';
import { useEffect, useRef, useState } from 'react';
import type { Controller } from '../../controller.ts';
import { LiveView } from '../../liveview.ts';

export function LivePanel({ c, onTarget }: { c: Controller; onTarget: (sel: string | null) => void }) {
  const panel = useRef<HTMLDivElement | null>(null);
  const stage = useRef<HTMLDivElement | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const view = useRef<LiveView | null>(null);
  const [hasScreen, setHasScreen] = useState(false);
  const [mark, setMark] = useState<{ x: number; y: number; key: number } | null>(null);
  useEffect(() => {
    if (!panel.current || !stage.current || !root.current) return;
    const lv = new LiveView(panel.current, stage.current, root.current, setHasScreen);
    view.current = lv;
    c.attachLive(lv);
    return () => {
      c.attachLive(null);
      lv.destroy();
      view.current = null;
    };
  }, [c]);
  useEffect(() => {
    if (!mark) return;
    const t = setTimeout(() => setMark(null), 2500);
    return () => clearTimeout(t);
  }, [mark]);
  const point = (clientX: number, clientY: number) => {
    const lv = view.current;
    const p = lv?.pointAt(clientX, clientY);
    if (!lv || !p) return;
    c.pointer(p.x, p.y, p.selector);
    setMark({ x: p.x, y: p.y, key: Date.now() });
    onTarget(p.selector && lv.isTextField(p.selector) ? p.selector : null);
  };
  return (
    <div className="card live" data-testid="liveview" data-has-screen={hasScreen ? 'true' : 'false'}>
      <div className="live-head">
        <strong>Màn hình kiosk</strong>
        <span className="muted small">Chạm vào màn hình để chỉ cho người dân. Thông tin cá nhân đã được che.</span>
      </div>
      <div className="live-panel" ref={panel}>
        {!hasScreen && <p className="live-wait">Đang chờ hình ảnh màn hình từ kiosk…</p>}
        <div
          className="live-stage"
          ref={stage}
          data-testid="liveview-stage"
          onClick={(e) => point(e.clientX, e.clientY)}
          role="button"
          tabIndex={-1}
          aria-label="Chỉ vào màn hình kiosk"
        >
          <div className="live-root" ref={root} />
          {mark && <span key={mark.key} className="pointer-mark" data-testid="pointer-mark" style={{ left: `${mark.x * 100}%`, top: `${mark.y * 100}%` }} />}
        </div>
      </div>
    </div>
  );
}
