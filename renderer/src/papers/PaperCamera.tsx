/**
 * The camera in document mode, for one paper: a live preview with a page-shaped guide, "Chụp trang
 * này"; the processed page is shown large ("Dùng trang này" keeps it, "Chụp lại" deletes it and
 * goes back to the camera). The camera is opened only here (`papers.camera`, so the Electron shell
 * grants it) and every track stops when the dialog closes or the session ends. The preview is a
 * <video> and the page sits in `.lv-block`: neither reaches the volunteer's live view.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { KioskError, type PaperPageView, type PaperView } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { stopStream } from '../idcard/camera.ts';
import { loc } from '../i18n/index.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { grabPage, pageGuide, sendPage } from './capture.ts';
import { PageImage } from './PageImage.tsx';

export function PaperCamera(props: { serviceCode: string; paper: PaperView; onDone: (page: PaperPageView | null) => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [state, setState] = useState<'starting' | 'live' | 'failed' | 'sending' | 'review'>('starting');
  const [size, setSize] = useState({ w: 4, h: 3 });
  const [page, setPage] = useState<PaperPageView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = k.client;
    let stream: MediaStream | null = null;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      stopStream(stream);
      stream = null;
      if (videoRef.current) videoRef.current.srcObject = null;
      void client.call('papers.camera', { open: false }).catch(() => undefined);
    };
    void (async () => {
      try {
        await client.call('papers.camera', { open: true });
        if (stopped) return;
        const s = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 1920 }, height: { ideal: 1080 }, facingMode: 'environment' } });
        if (stopped) return stopStream(s);
        stream = s;
        const v = videoRef.current;
        if (!v) return stop();
        v.srcObject = s;
        await v.play().catch(() => undefined);
        setState('live');
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

  const capture = async () => {
    const v = videoRef.current;
    if (!v) return;
    const b64 = grabPage(v, (canvasRef.current ??= document.createElement('canvas')));
    if (!b64) return;
    setError(null);
    setState('sending');
    try {
      const p = await sendPage(k.client, props.serviceCode, props.paper.paperId, b64);
      setPage(p);
      setState('review');
    } catch (e) {
      setState('live');
      setError(e instanceof KioskError ? (lang === 'vi' ? e.message : e.messageEn) : t('errorUnexpected'));
    }
  };

  const retake = async () => {
    if (page) await k.client.call('papers.remove', { pageId: page.pageId }).catch(() => undefined);
    setPage(null);
    setState('live');
  };

  const g = pageGuide(size.w, size.h);
  const guideStyle: CSSProperties = { left: `${(g.x / size.w) * 100}%`, top: `${(g.y / size.h) * 100}%`, width: `${(g.w / size.w) * 100}%`, height: `${(g.h / size.h) * 100}%` };
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
            <div className="paper-camera" style={{ aspectRatio: `${size.w} / ${size.h}` }} role="img" aria-label={t('papersCameraPreview')} data-testid="paper-preview" data-state={state}>
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
              <div className="paper-camera-guide" style={guideStyle} aria-hidden="true" data-testid="paper-guide" />
            </div>
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
