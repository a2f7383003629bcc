/**
 * The simulated province's clerk page (Vietnamese): the dossiers, their timeline, and the desk's
 * actions — receive (a number is assigned), ask for papers with what to bring (code 5), ask for a
 * fee (code 6), mark paid, process, finish (9), hand over (10), refuse (3).
 * Served at `/`; talks to /clerk/api/. Layer: province (node) — a static page, no framework.
 */
export const CLERK_PAGE = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Một cửa tỉnh (mô phỏng) — Bàn tiếp nhận</title>
<style>
  body { font: 18px/1.45 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #111; }
  header { background: #8b0000; color: #fff; padding: 12px 20px; }
  h1 { font-size: 22px; margin: 0; }
  main { padding: 16px 20px; max-width: 1100px; }
  .d { background: #fff; border: 1px solid #ccd; border-radius: 8px; padding: 12px 16px; margin: 0 0 14px; }
  .d h2 { font-size: 19px; margin: 0 0 6px; }
  .st { display: inline-block; padding: 2px 10px; border-radius: 12px; background: #e8eefc; font-weight: 600; }
  .no { font-family: ui-monospace, monospace; font-weight: 700; }
  button { min-height: 44px; min-width: 44px; font-size: 17px; margin: 4px 6px 4px 0; padding: 6px 14px; border-radius: 6px; border: 1px solid #556; background: #fff; cursor: pointer; }
  button.main { background: #0b5394; color: #fff; border-color: #0b5394; }
  button.danger { border-color: #a00; color: #a00; }
  ol { margin: 6px 0; padding-left: 22px; font-size: 16px; }
  .muted { color: #555; font-size: 15px; }
  #msg { min-height: 24px; font-weight: 600; }
  label { display: block; margin: 6px 0; }
  input, textarea { font-size: 17px; padding: 6px; min-height: 36px; width: 100%; max-width: 520px; box-sizing: border-box; }
</style>
</head>
<body>
<header><h1>Hệ thống một cửa tỉnh (mô phỏng OpenCPS) — Bàn tiếp nhận hồ sơ</h1></header>
<main>
  <p id="msg" role="status" aria-live="polite"></p>
  <p><button id="reload">Tải lại danh sách</button></p>
  <div id="list"><p class="muted">Đang tải…</p></div>
</main>
<script>
const ACTIONS = {
  receive: ['Tiếp nhận (cấp số hồ sơ)', 'main'],
  process: ['Chuyển xử lý', ''],
  askPapers: ['Yêu cầu bổ sung giấy tờ', ''],
  papersReceived: ['Đã nhận giấy tờ bổ sung', ''],
  askFee: ['Yêu cầu nộp phí', ''],
  paid: ['Xác nhận đã nộp phí', ''],
  finish: ['Hoàn thành xử lý', 'main'],
  handOver: ['Trả kết quả', 'main'],
  refuse: ['Từ chối tiếp nhận', 'danger'],
  stop: ['Dừng xử lý', 'danger'],
};
const ALLOWED = { 1: ['receive', 'refuse'], 2: ['process', 'askPapers', 'refuse'], 4: ['askPapers', 'askFee', 'finish', 'stop'], 5: ['papersReceived'], 6: ['paid'], 7: ['stop'], 9: ['handOver'] };
const el = (t, props = {}, ...kids) => { const e = document.createElement(t); Object.assign(e, props); for (const k of kids) e.append(k); return e; };
const msg = (t) => { document.getElementById('msg').textContent = t; };

async function act(id, action) {
  const body = { action };
  if (action === 'askPapers') {
    const note = prompt('Giấy tờ công dân cần mang đến bổ sung:');
    if (!note) return;
    body.note = note;
  } else if (action === 'refuse' || action === 'stop') {
    const note = prompt('Lý do:');
    if (!note) return;
    body.note = note;
  } else if (action === 'askFee') {
    const amount = Number(prompt('Số tiền (đồng):', '50000'));
    if (!amount) return;
    const bankBin = prompt('Mã ngân hàng (BIN 6 số) của tài khoản thu:', '970415');
    const accountNo = prompt('Số tài khoản thu:', '113366668888');
    const accountName = prompt('Tên tài khoản thu:', 'UBND PHUONG DEMO');
    const paymentUrl = prompt('Địa chỉ thanh toán trực tuyến (có thể để trống):', '');
    body.payment = { amount, bankBin, accountNo, accountName };
    if (paymentUrl) body.payment.paymentUrl = paymentUrl;
    body.note = 'Lệ phí giải quyết thủ tục';
  }
  const r = await fetch('clerk/api/dossiers/' + id + '/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json().catch(() => ({}));
  msg(r.ok ? 'Đã thực hiện: ' + ACTIONS[action][0] + (j.dossierNo ? ' — số hồ sơ ' + j.dossierNo : '') : 'Không thực hiện được: ' + (j.message || r.status));
  load();
}

async function load() {
  const r = await fetch('clerk/api/dossiers');
  const { dossiers } = await r.json();
  const list = document.getElementById('list');
  list.replaceChildren();
  if (!dossiers.length) list.append(el('p', { className: 'muted', textContent: 'Chưa có hồ sơ nào.' }));
  for (const d of dossiers) {
    const box = el('section', { className: 'd' });
    box.dataset.ref = d.referenceUid;
    box.append(el('h2', {}, d.serviceName || d.serviceCode));
    box.append(el('p', {},
      'Số hồ sơ: ', el('span', { className: 'no', textContent: d.dossierNo || '(chưa cấp)' }),
      ' · Mã kiosk: ', el('span', { className: 'no', textContent: d.referenceUid }),
      ' · Trạng thái: ', el('span', { className: 'st', textContent: d.code + ' — ' + d.statusVi })));
    box.append(el('p', { className: 'muted', textContent: 'Người nộp: ' + d.applicantName + ' · Nộp: ' + (d.submitDate || '(chưa nộp)') + ' · Tệp: ' + d.files.length + (d.viaPostal === 'true' ? ' · Nhận kết quả qua bưu điện: ' + d.postalAddress + (d.postage ? ' · cước bưu chính ' + d.postage.toLocaleString('vi-VN') + ' đ' : '') : '') }));
    if (d.payment) box.append(el('p', { className: 'muted', textContent: 'Phí: ' + d.payment.amount.toLocaleString('vi-VN') + ' đồng — ' + (d.payment.payment_status === 5 ? 'đã nộp' : 'chưa nộp') }));
    const ol = el('ol');
    for (const t of d.timeline) ol.append(el('li', { textContent: t.at + ' — ' + t.name + (t.note ? ': ' + t.note : '') }));
    box.append(ol);
    const buttons = el('div');
    if (d.submitting === 'true') for (const a of ALLOWED[d.code] || []) {
      const b = el('button', { className: ACTIONS[a][1], textContent: ACTIONS[a][0] });
      b.dataset.action = a;
      b.onclick = () => act(d.dossierId, a);
      buttons.append(b);
    }
    box.append(buttons);
    list.append(box);
  }
}
document.getElementById('reload').onclick = load;
load();
setInterval(load, 5000);
</script>
</body>
</html>
`;
