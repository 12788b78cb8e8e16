// What every peer page of `make bench` (section 7) shows: the orbital widget's default chart —
// fleet launch cost against launch price, both axes log, the Starship band and four reference
// marks, the reader's point — 680×360 CSS px, with a slider and two readouts, the same
// arithmetic as www/models/orbital-gpu-cost.toml ($/lb × 3,000 lb × ⌈100,000 / 72⌉ racks).
window.PEER = (() => {
  const LB = 0.45359237;
  const min = 10 * LB, max = 100000 * LB, racks = Math.ceil(100000 / 72), rackLb = 3000;
  const marks = [
    { x: 10 * LB, to: 20 * LB, label: 'Starship goal' },
    { x: 200 * LB, label: 'Break-even' },
    { x: (150e6 / 63800) * LB, label: 'Falcon Heavy' },
    { x: (62e6 / 22800) * LB, label: 'Falcon 9' },
    { x: 54500 * LB, label: 'Shuttle' },
  ];
  const money = (v) => {
    const a = Math.abs(v);
    const [d, s] = a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'K'] : [1, ''];
    const x = v / d;
    return `$${x >= 100 || d === 1 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1).replace(/\.0$/, '')}${s}`;
  };
  const state = (slider) => {
    const price = min * (max / min) ** (slider / 1000);
    const rack = price * rackLb, fleet = rack * racks;
    return { price, rack, fleet, line: [[min, min * rackLb * racks], [price, fleet], [max, max * rackLb * racks]] };
  };
  // The slider position of $1,200/lb, the widget's default.
  const start = Math.round((1000 * Math.log(1200 / min)) / Math.log(max / min));
  /** The page's controls: a slider and two readouts; `draw(state)` redraws the chart. Marks the
   *  page ready (`window.__ready`) once the first chart is drawn and the slider is live. */
  const mount = (draw) => {
    document.body.insertAdjacentHTML('afterbegin', `<p><label>Launch price <input id="price" type="range" min="0" max="1000" value="${start}"></label>
      <output id="rack"></output> per rack, <output id="fleet"></output> for the fleet</p>`);
    const slider = document.getElementById('price'), rack = document.getElementById('rack'), fleet = document.getElementById('fleet');
    const update = () => {
      const s = state(Number(slider.value));
      rack.textContent = money(s.rack);
      fleet.textContent = money(s.fleet);
      draw(s);
    };
    slider.addEventListener('input', update);
    update();
    requestAnimationFrame(() => { window.__ready = performance.now(); });
  };
  return { LB, min, max, marks, money, state, mount, W: 680, H: 360 };
})();
