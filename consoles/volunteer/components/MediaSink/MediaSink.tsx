/**
 * Plays a MediaStream in an <audio> or <video> element.
 * Layer: browser (React).
 */
import { useEffect, useRef } from 'react';

export function MediaSink({ stream, kind, className, muted }: { stream: MediaStream | null; kind: 'audio' | 'video'; className?: string; muted?: boolean }) {
  const ref = useRef<HTMLMediaElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream) void el.play().catch(() => undefined);
  }, [stream]);
  return kind === 'audio' ? (
    <audio ref={(el) => void (ref.current = el)} autoPlay data-testid="remote-audio" />
  ) : (
    <video ref={(el) => void (ref.current = el)} autoPlay playsInline muted={muted ?? true} className={className} />
  );
}
