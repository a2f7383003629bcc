/**
 * The camera in document mode, for one paper: a live preview with a page-shaped guide, "Chụp trang
 * này"; the processed page is shown large ("Dùng trang này" keeps it, "Chụp lại" deletes it and
 * goes back to the camera). The camera is opened only here (`papers.camera`, so the Electron shell
 * grants it) and every track stops when the dialog closes or the session ends. The preview is a
 * <video> and the page sits in `.lv-block`: neither reaches the volunteer's live view.
 */
import { useRef, useState } from 'react';
import type { PaperPageView, PaperView } from '../../../common/contract/kiosk-api.ts';
import { errorText } from '../app/errors.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { CameraPreview, guideStyle, useCamera } from '../ui/Camera.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { grabPage, pageGuide, sendPage } from './capture.ts';
import { PageImage } from './PageImage.tsx';

export function PaperCamera(props: { serviceCode: string; paper: PaperView; onDone: (page: PaperPageView | null) => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const client = k.client;
  const camera = useCamera(client, { toggle: (open) => client.call('papers.camera', { open }), ideal: { width: 1920, height: 1080 }, initialSize: { w: 4, h: 3 } });
  const { videoRef, size } = camera;
  /** What the dialog shows: the camera's own state until a page is sent or shown. */
  const [step, setStep] = useState<'camera' | 'sending' | 'review'>('camera');
  const state = step === 'camera' ? camera.state : step;
  const [page, setPage] = useState<PaperPageView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const capture = async () => {
    const v = videoRef.current;
    if (!v) return;
    const b64 = grabPage(v, (canvasRef.current ??= document.createElement('canvas')));
    if (!b64) return;
    setError(null);
    setStep('sending');
    try {
      const p = await sendPage(k.client, props.serviceCode, props.paper.paperId, b64);
      setPage(p);
      setStep('review');
    } catch (e) {
      setStep('camera');
      setError(errorText(e)[lang]);
    }
  };

  const retake = async () => {
    if (page) await k.client.call('papers.remove', { pageId: page.pageId }).catch(() => undefined);
    setPage(null);
    setStep('camera');
  };

  const g = pageGuide(size.w, size.h);
  const name = loc(lang, props.paper.name);

  return (
    <Dialog
      id="paper-camera"
      testId="paper-camera"
      className="dialog-wide"
      live
      title={state === 'review' ? t('papersReviewTitle') : t('papersCameraTitle', { name })}
      actions={
        state === 'review' ? (
          <>
            <button type="button" className="btn btn-primary btn-xl" data-testid="paper-keep" data-autofocus onClick={() => props.onDone(page)}>
              {t('papersKeep')}
            </button>
            <button type="button" className="btn btn-secondary btn-xl" data-testid="paper-retake" onClick={() => void retake()}>
              {t('papersRetake')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-primary btn-xl" data-testid="paper-capture" disabled={state !== 'live'} aria-busy={state === 'sending'} onClick={() => void capture()}>
              {state === 'sending' ? t('papersProcessing') : t('papersCapture')}
            </button>
            <button type="button" className="btn btn-secondary btn-xl" data-testid="paper-cancel" data-autofocus onClick={() => props.onDone(null)}>
              {t('papersCancel')}
            </button>
          </>
        )
      }
    >
      {state === 'review' && page ? (
        <>
          <p data-voice>{t('papersReviewText')}</p>
          <PageImage pageId={page.pageId} size="large" alt={t('papersPageAlt', { name, n: String(page.index) })} />
        </>
      ) : (
        <>
          <p data-voice>{t('papersCameraText')}</p>
          {state === 'failed' ? (
            <p className="field-error" role="alert" data-testid="paper-camera-failed">
              {t('papersCameraFailed')}
            </p>
          ) : (
            <CameraPreview videoRef={videoRef} size={size} onSize={camera.setSize} state={state} kind="paper-camera" label={t('papersCameraPreview')} testId="paper-preview" guide={guideStyle(g, size)} guideTestId="paper-guide" />
          )}
        </>
      )}
      {error ? (
        <p className="field-error" role="alert" data-testid="paper-error">
          <span className="field-error-mark" aria-hidden="true">
            !
          </span>
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
