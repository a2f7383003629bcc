/**
 * The kiosk camera, shared by the ID card step and the papers step: `useCamera` opens the camera
 * only after the kiosk services are told (`toggle(true)`, so the Electron shell grants it), stops
 * every track when the component closes or the session ends, and tells the services again;
 * `CameraPreview` is the live <video> with a guide frame laid over it (a card or a page). The
 * preview is a <video>, which the volunteer's live view never carries. Layer: renderer.
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { KioskClient } from '../../../common/contract/client.ts';

export type CameraState = 'starting' | 'live' | 'failed';

export interface CameraOptions {
  /** Tells the kiosk services the camera opens or closes (`idcard.camera`, `papers.camera`). */
  toggle(open: boolean): Promise<unknown>;
  /** The resolution asked of the camera. */
  ideal: { width: number; height: number };
  /** The preview's shape until the camera says its own. */
  initialSize: { w: number; h: number };
  /** Runs once the preview plays; what it returns runs when the camera stops. */
  onLive?(video: () => HTMLVideoElement | null): (() => void) | void;
}

export interface Camera {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  state: CameraState;
  size: { w: number; h: number };
  setSize(size: { w: number; h: number }): void;
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

export function useCamera(client: KioskClient, opts: CameraOptions): Camera {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [size, setSize] = useState(opts.initialSize);
  // The options are read once, when the camera opens (the callbacks may close over fresh state through refs).
  const optsRef = useRef(opts);

  useEffect(() => {
    const { toggle, ideal, onLive } = optsRef.current;
    let stream: MediaStream | null = null;
    let stopped = false;
    let cleanup: (() => void) | void;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      cleanup?.();
      stopStream(stream);
      stream = null;
      if (videoRef.current) videoRef.current.srcObject = null;
      void toggle(false).catch(() => undefined);
    };
    void (async () => {
      try {
        await toggle(true);
        if (stopped) return;
        const s = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: ideal.width }, height: { ideal: ideal.height }, facingMode: 'environment' } });
        if (stopped) return stopStream(s);
        stream = s;
        const v = videoRef.current;
        if (!v) return stop();
        v.srcObject = s;
        await v.play().catch(() => undefined);
        if (stopped) return;
        setState('live');
        cleanup = onLive?.(() => (stopped ? null : videoRef.current));
      } catch {
        if (!stopped) setState('failed');
      }
    })();
    const offEnded = client.on('session.ended', stop);
    return () => {
      offEnded();
      stop();
    };
  }, [client]);

  return { videoRef, state, size, setSize };
}

/** A guide rectangle (in video pixels) as percentages of the preview. */
export function guideStyle(g: { x: number; y: number; w: number; h: number }, size: { w: number; h: number }): CSSProperties {
  return { left: `${(g.x / size.w) * 100}%`, top: `${(g.y / size.h) * 100}%`, width: `${(g.w / size.w) * 100}%`, height: `${(g.h / size.h) * 100}%` };
}

export function CameraPreview({ videoRef, size, onSize, state, kind, label, testId, guide, guideTestId, children }: {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  size: { w: number; h: number };
  onSize(size: { w: number; h: number }): void;
  state: string;
  /** `idcard-camera` or `paper-camera`: the preview's class; its guide is `${kind}-guide`. */
  kind: string;
  label: string;
  testId: string;
  guide: CSSProperties;
  guideTestId: string;
  /** Marks drawn inside the guide (the card's QR corner). */
  children?: ReactNode;
}) {
  return (
    <div className={kind} style={{ aspectRatio: `${size.w} / ${size.h}` }} role="img" aria-label={label} data-testid={testId} data-state={state}>
      <video
        ref={videoRef}
        muted
        playsInline
        autoPlay
        aria-hidden="true"
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          if (v.videoWidth && v.videoHeight) onSize({ w: v.videoWidth, h: v.videoHeight });
        }}
      />
      <div className={`${kind}-guide`} style={guide} aria-hidden="true" data-testid={guideTestId}>
        {children}
      </div>
    </div>
  );
}
