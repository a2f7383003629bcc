/**
 * The hub link's state in words (Đã kết nối, Mất kết nối…).
 * Layer: browser (React).
 */
import './LinkBadge.css';
import type { ConsoleState } from '../../state.ts';

export function LinkBadge({ link }: { link: ConsoleState['link'] }) {
  const text = { connecting: 'Đang kết nối…', online: 'Đã kết nối', offline: 'Mất kết nối — đang thử lại…', replaced: 'Đang mở nơi khác' }[link];
  return (
    <span className={`badge link-${link}`} data-testid="link-state" role="status">
      {text}
    </span>
  );
}
