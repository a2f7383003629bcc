/**
 * Applications received from the kiosks, filtered by status.
 * Layer: browser (React).
 */
import { useState } from 'react';
import type { ApplicationView } from '../../../../common/contract/hub-console.ts';
import type { ApplicationStatus } from '../../../../common/contract/hub-kiosk.ts';
import { STATUS_VI } from '../../logic.ts';
import { InboxRow } from '../InboxRow/InboxRow.tsx';

export function Inbox({ applications }: { applications: ApplicationView[] }) {
  const [filter, setFilter] = useState<ApplicationStatus | ''>('');
  const list = filter ? applications.filter((a) => a.status === filter) : applications;
  return (
    <section>
      <h2>Hồ sơ nhận từ kiosk</h2>
      <div className="row">
        <label>
          Lọc theo trạng thái{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as ApplicationStatus | '')}>
            <option value="">Tất cả</option>
            {Object.entries(STATUS_VI).map(([s, l]) => (
              <option key={s} value={s}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table data-testid="inbox">
        <thead>
          <tr>
            <th>Mã hồ sơ</th>
            <th>Thủ tục</th>
            <th>Máy</th>
            <th>Nhận lúc</th>
            <th>Trạng thái</th>
            <th>Cập nhật</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <InboxRow key={a.id} a={a} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
