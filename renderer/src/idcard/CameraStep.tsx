/**
 * The ID camera step (after consent, on a kiosk with a camera): a live preview with a card-shaped
 * frame, plain guidance, a frame sent to the kiosk services every ~400 ms (`idcard.frame`, scan:
 * QR then MRZ) and "Chụp mặt trước" for the printed front (OCR, slower). The camera is opened only
 * here: the services are told first (`idcard.camera`, so the Electron shell grants it), and every
 * track is stopped when the step closes, the card is read or the session ends.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useKiosk } from '../app/context.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FRAME_INTERVAL_MS, grabFrame, guideRect, stopStream } from './camera.ts';

export interface CameraError {
  text: string;
  code: string;
  /** Grows with every error event (the same error twice is still news). */
  seq: number;
}

export function CameraStep(props: { error: CameraError | null; scanner: 'connected' | 'missing' | 'none'; onCancel: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const capturingRef = useRef(false);
  const [state, setState] = useState<'starting' | 'live' | 'failed'>('starting');
  const [size, setSize] = useState<{ w: number; h: number }>({ w: 16, h: 9 });
  /** The error count when "Chụp mặt trước" was tapped: capturing until an answer (an error; a reading closes the step). */
  const [captureSeq, setCaptureSeq] = useState<number | null>(null);
  const capturing = captureSeq !== null && (props.error?.seq ?? 0) === captureSeq;

  const canvas = () => (canvasRef.current ??= document.createElement('canvas'));

  useEffect(() => {
    const client = k.client;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    let sending = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) window.clearInterval(timer);
      stopStream(stream);
      stream = null;
      if (videoRef.current) videoRef.current.srcObject = null;
      void client.call('idcard.camera', { open: false }).catch(() => undefined);
    };
    void (async () => {
      try {
        await client.call('idcard.camera', { open: true });
        if (stopped) return;
        const s = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
        });
        if (stopped) {
          stopStream(s);
          return;
        }
        stream = s;
        const v = videoRef.current;
        if (!v) return stop();
        v.srcObject = s;
        await v.play().catch(() => undefined);
        setState('live');
        timer = window.setInterval(() => {
          const video = videoRef.current;
          if (stopped || sending || capturingRef.current || !video) return;
          const jpeg = grabFrame(video, canvas());
          if (!jpeg) return;
          sending = true;
          void client
            .call('idcard.frame', { jpeg, mode: 'scan' })
            .catch(() => undefined)
            .finally(() => (sending = false));
        }, FRAME_INTERVAL_MS);
      } catch {
        if (!stopped) setState('failed');
      }
    })();
    const offEnded = client.on('session.ended', stop);
    return () => {
      offEnded();
      stop();
    };
  }, [k.client]);

  // No scan frames while the front is being read (the interval reads this ref).
  useEffect(() => {
    capturingRef.current = capturing;
  }, [capturing]);

  const captureFront = () => {
    const v = videoRef.current;
    if (!v || capturingRef.current) return;
    const jpeg = grabFrame(v, canvas());
    if (!jpeg) return;
    capturingRef.current = true;
    setCaptureSeq(props.error?.seq ?? 0);
    // The services always answer a front capture; should that answer be lost, do not stay busy forever.
    window.setTimeout(() => setCaptureSeq(null), 20_000);
    k.client.call('idcard.frame', { jpeg, mode: 'front' }).catch((e: unknown) => {
      capturingRef.current = false;
      setCaptureSeq(null);
      k.reportError(e);
    });
  };

  const g = guideRect(size.w, size.h);
  const guideStyle: CSSProperties = {
    left: `${(g.x / size.w) * 100}%`,
    top: `${(g.y / size.h) * 100}%`,
    width: `${(g.w / size.w) * 100}%`,
    height: `${(g.h / size.h) * 100}%`,
  };

  return (
    <Dialog
      id="idcard-camera"
      testId="idcard-camera"
      className="dialog-wide"
      live
      title={t('idcardCameraTitle')}
      actions={
        <>
          <button type="button" className="btn btn-primary btn-xl" data-testid="idcard-capture-front" disabled={state !== 'live' || capturing} aria-busy={capturing} onClick={captureFront}>
            {t('idcardCaptureFront')}
          </button>
          <button type="button" className="btn btn-secondary btn-xl" data-testid="idcard-cancel" data-autofocus onClick={props.onCancel}>
            {t('idcardCancel')}
          </button>
        </>
      }
    >
      <p data-voice>{t('idcardCameraText')}</p>
      {state === 'failed' ? (
        <p className="field-error" role="alert" data-testid="idcard-camera-failed">
          {t('idcardCameraFailed')}
        </p>
      ) : (
        <div className="idcard-camera" style={{ aspectRatio: `${size.w} / ${size.h}` }} role="img" aria-label={t('idcardCameraPreview')} data-testid="idcard-preview" data-state={state}>
          <video
            ref={videoRef}
            muted
            playsInline
            autoPlay
            aria-hidden="true"
            onLoadedMetadata={(e) => {
              const v = e.currentTarget;
              if (v.videoWidth && v.videoHeight) setSize({ w: v.videoWidth, h: v.videoHeight });
            }}
          />
          <div className="idcard-camera-guide" style={guideStyle} aria-hidden="true" data-testid="idcard-guide-frame">
            <div className="idcard-camera-qr-mark" />
          </div>
        </div>
      )}
      <p className="hint">{t('idcardCameraFrontHint')}</p>
      {props.scanner === 'connected' ? <p className="hint">{t('idcardCameraOrScanner')}</p> : null}
      <p role="status" className="notice" data-testid="idcard-camera-status">
        {capturing ? t('idcardReadingFront') : state === 'live' ? t('idcardCameraLooking') : state === 'starting' ? t('idcardCameraStarting') : ''}
      </p>
      {props.error ? (
        <p className="field-error" role="alert" data-testid="idcard-error" data-code={props.error.code}>
          <span className="field-error-mark" aria-hidden="true">
            !
          </span>
          {props.error.text}
          {props.error.code === 'no_card' ? (
            <>
              {' '}
              {t('idcardNoCardHint')}
            </>
          ) : null}
        </p>
      ) : null}
    </Dialog>
  );
}
