/**
 * One page's picture (from `papers.preview`), always inside `.lv-block`: the live view and the
 * staff's screenshot record it as an empty box — a resident's papers never leave the kiosk that way.
 */
import { useEffect, useState } from 'react';
import { useKiosk } from '../app/context.ts';

export function PageImage(props: { pageId: string; size: 'thumb' | 'large'; alt: string; className?: string }) {
  const k = useKiosk();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    k.client
      .call('papers.preview', { pageId: props.pageId, size: props.size })
      .then((r) => {
        if (live) setSrc(r.jpeg);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [k.client, props.pageId, props.size]);
  return (
    <div className={`lv-block paper-page paper-page-${props.size} ${props.className ?? ''}`} data-testid={`page-${props.size}`} data-page={props.pageId}>
      {src ? <img src={src} alt={props.alt} /> : <span className="paper-page-loading" aria-hidden="true" />}
    </div>
  );
}
