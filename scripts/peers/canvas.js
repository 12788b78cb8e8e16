// The plain-canvas peer's chart (and the ranged plain-JS page's): log axes with decade ticks and
// their labels, axis titles, the band and marks with labels in two rows, the line, the reader's
// point with its label; crisp at the device-pixel ratio. `band` (optional): [x, p5, p50, p95][].
window.drawCanvas = (canvas, s, band) => {
  const { W, H, min, max, marks, money } = window.PEER;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== W * dpr) { canvas.width = W * dpr; canvas.height = H * dpr; canvas.style.width = `${W}px`; canvas.style.height = `${H}px`; }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, W, H);
  g.font = '13px sans-serif';
  const left = 64, right = W - 12, top = 60, bottom = H - 44;
  const ymin = 1e7, ymax = 1e12;
  const xp = (v) => left + ((Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min))) * (right - left);
  const yp = (v) => bottom - ((Math.log(v) - Math.log(ymin)) / (Math.log(ymax) - Math.log(ymin))) * (bottom - top);
  g.strokeStyle = '#e1e4e8'; g.fillStyle = '#57606a'; g.lineWidth = 1;
  g.textAlign = 'right'; g.textBaseline = 'middle';
  for (let e = 7; e <= 12; e++) { const y = yp(10 ** e); g.beginPath(); g.moveTo(left, y); g.lineTo(right, y); g.stroke(); g.fillText(money(10 ** e), left - 8, y); }
  g.textAlign = 'center'; g.textBaseline = 'top';
  for (let e = 1; e <= 4; e++) { const x = xp(10 ** e); g.beginPath(); g.moveTo(x, top); g.lineTo(x, bottom); g.stroke(); g.fillText(`${money(10 ** e)}/lb`, x, bottom + 8); }
  g.textAlign = 'left'; g.fillText('Fleet launch cost ($)', 4, 4);
  g.textAlign = 'right'; g.fillText('Launch price ($/lb)', right, H - 18);
  g.textAlign = 'center';
  marks.forEach((m, k) => {
    const x = xp(m.x), y = 22 + (k % 2) * 17;
    if (m.to) { g.fillStyle = 'rgba(154,103,0,0.12)'; g.fillRect(x, top, xp(m.to) - x, bottom - top); }
    else { g.strokeStyle = 'rgba(154,103,0,0.7)'; g.beginPath(); g.moveTo(x, top); g.lineTo(x, bottom); g.stroke(); }
    g.fillStyle = '#9a6700'; g.fillText(m.label, m.to ? (x + xp(m.to)) / 2 : x, y);
  });
  if (band) {
    g.fillStyle = 'rgba(11,92,173,0.2)'; g.beginPath();
    band.forEach(([x, lo], i) => (i ? g.lineTo(xp(x), yp(lo)) : g.moveTo(xp(x), yp(lo))));
    for (let i = band.length - 1; i >= 0; i--) g.lineTo(xp(band[i][0]), yp(band[i][3]));
    g.closePath(); g.fill();
  }
  g.strokeStyle = '#0b5cad'; g.lineWidth = 2.5; g.beginPath();
  s.line.forEach(([x, y], i) => (i ? g.lineTo(xp(x), yp(y)) : g.moveTo(xp(x), yp(y))));
  g.stroke();
  const px = xp(s.price), py = yp(s.fleet);
  g.fillStyle = '#ffffff'; g.beginPath(); g.arc(px, py, 7, 0, 2 * Math.PI); g.fill();
  g.fillStyle = '#0b5cad'; g.beginPath(); g.arc(px, py, 5, 0, 2 * Math.PI); g.fill();
  g.fillStyle = '#1f2328'; g.font = 'bold 14px sans-serif'; g.textAlign = 'left'; g.textBaseline = 'bottom';
  g.fillText(`${money(s.price)}/lb → ${money(s.fleet)}`, px + 9, py - 9);
};
