/**
 * The ID camera step (after consent, on a kiosk with a camera): a live preview with a card-shaped
 * frame, plain guidance, a frame sent to the kiosk services every ~400 ms (`idcard.frame`, scan:
 * QR then MRZ) and "Chụp mặt trước" for the printed front (OCR, slower). The camera is opened only
 * here: the services are told first (`idcard.camera`, so the Electron shell grants it), and every
 * track is stopped when the step closes, the card is read or the session ends.
 */
import { useEffect, useRef, useState } from 'react';
import { useKiosk } from '../app/context.ts';
import { CameraPreview, guideStyle, useCamera } from '../ui/Camera.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { CAMERA_IDEAL, FRAME_INTERVAL_MS, grabFrame, guideRect } from './camera.ts';

export interface CameraError {
  text: string;
  code: string;
  /** Grows with every error event (the same error twice is still news). */
  seq: number;
}

export function CameraStep(props: { error: CameraError | null; scanner: 'connected' | 'missing' | 'none'; onCancel: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const capturingRef = useRef(false);
  /** The error count when "Chụp mặt trước" was tapped: capturing until an answer (an error; a reading closes the step). */
  const [captureSeq, setCaptureSeq] = useState<number | null>(null);
  const capturing = captureSeq !== null && (props.error?.seq ?? 0) === captureSeq;

  const canvas = () => (canvasRef.current ??= document.createElement('canvas'));

  const client = k.client;
  const camera = useCamera(client, {
    toggle: (open) => client.call('idcard.camera', { open }),
    ideal: CAMERA_IDEAL,
    initialSize: { w: 16, h: 9 },
    // A frame to the services every ~400 ms (scan: QR then MRZ), one at a time, none while the front is read.
    onLive: (video) => {
      let sending = false;
      const timer = window.setInterval(() => {
        const v = video();
        if (sending || capturingRef.current || !v) return;
        const jpeg = grabFrame(v, canvas());
        if (!jpeg) return;
        sending = true;
        void client
          .call('idcard.frame', { jpeg, mode: 'scan' })
          .catch(() => undefined)
          .finally(() => (sending = false));
      }, FRAME_INTERVAL_MS);
      return () => window.clearInterval(timer);
    },
  });
  const { videoRef, state, size } = camera;

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
        <CameraPreview videoRef={videoRef} size={size} onSize={camera.setSize} state={state} kind="idcard-camera" label={t('idcardCameraPreview')} testId="idcard-preview" guide={guideStyle(g, size)} guideTestId="idcard-guide-frame">
          <div className="idcard-camera-qr-mark" />
        </CameraPreview>
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
