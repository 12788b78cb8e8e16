// The orbital widget's Monte Carlo update written in plain JS, for `make bench`'s side-by-side
// (section 5): the same computation as src/uncertainty.rs on orbital-gpu-cost — Latin hypercube
// standard-normal draws (Acklam's quantile function, a seeded shuffle; drawn once and reused),
// 10,000 samples of every output, 5th/50th/95th percentiles by selection (quickselect), the
// tornado, and the band: 25 launch prices × 200 samples. Buffers are allocated once.
(() => {
  const SAMPLES = 10000, BAND_SAMPLES = 200, BAND_POINTS = 25, Z95 = 1.6448536269514722;
  const PRICE_MIN = 10 * 0.45359237, PRICE_MAX = 100000 * 0.45359237;
  const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q) => (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  const inverseNormal = (p) => {
    if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
    if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
    const q = p - 0.5, r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  };
  // A small seeded generator (mulberry32): the draws are made once, as the wasm's are.
  const rng = (seed) => () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const draws = (j) => {
    const r = rng(0x5eed + j), z = new Float64Array(SAMPLES);
    for (let i = 0; i < SAMPLES; i++) z[i] = inverseNormal((i + r()) / SAMPLES);
    for (let i = SAMPLES - 1; i > 0; i--) { const k = Math.floor(r() * (i + 1)); const t = z[i]; z[i] = z[k]; z[k] = t; }
    return z;
  };
  const at = ([lo, hi], z) => {
    if (lo > 0) { const a = Math.log(lo), b = Math.log(hi); return Math.exp((a + b) / 2 + z * (b - a) / (2 * Z95)); }
    return (lo + hi) / 2 + z * (hi - lo) / (2 * Z95);
  };
  // Quickselect: the k-th smallest of xs[0..n), in place.
  const select = (xs, n, k) => {
    let l = 0, r = n - 1;
    while (l < r) {
      const pivot = xs[(l + r) >> 1];
      let i = l, j = r;
      while (i <= j) {
        while (xs[i] < pivot) i++;
        while (xs[j] > pivot) j--;
        if (i <= j) { const t = xs[i]; xs[i] = xs[j]; xs[j] = t; i++; j--; }
      }
      if (k <= j) r = j; else if (k >= i) l = i; else break;
    }
    return xs[k];
  };
  const percentiles = (xs, n) => [select(xs, n, Math.round(0.05 * (n - 1))), select(xs, n, Math.round(0.5 * (n - 1))), select(xs, n, Math.round(0.95 * (n - 1)))];
  // The orbital model: rack cost, fleet cost, per GPU, racks (support off).
  const orbital = (price, rackLb, gpusPerRack, gpus, out) => {
    const racks = Math.ceil(gpus / gpusPerRack);
    out[0] = price * rackLb; out[1] = out[0] * racks; out[2] = out[1] / gpus; out[3] = racks;
  };
  window.plainMonteCarlo = () => {
    const z = [draws(0), draws(1), draws(2)];
    const cols = [0, 1, 2, 3].map(() => new Float64Array(SAMPLES));
    const band = new Float64Array(BAND_SAMPLES), out = new Float64Array(4);
    const clampPrice = (p) => Math.min(PRICE_MAX, Math.max(PRICE_MIN, p));
    return {
      run({ launch, gpus, rack_lb: rackLb }) {
        for (let i = 0; i < SAMPLES; i++) {
          orbital(clampPrice(at(launch, z[0][i])), at(rackLb, z[2][i]), 72, Math.round(at(gpus, z[1][i])), out);
          for (let o = 0; o < 4; o++) cols[o][i] = out[o];
        }
        const result = cols.map((c) => percentiles(c, SAMPLES));
        const med = [at(launch, 0), at(gpus, 0), at(rackLb, 0)];
        const tornado = [launch, gpus, rackLb].map((r, k) => {
          const v = [...med];
          v[k] = r[0]; orbital(v[0], v[2], 72, Math.round(v[1]), out); const lo = out[1];
          v[k] = r[1]; orbital(v[0], v[2], 72, Math.round(v[1]), out);
          return [lo, out[1]];
        }).sort((a, b) => Math.abs(b[1] - b[0]) - Math.abs(a[1] - a[0]));
        const bands = [];
        for (let p = 0; p < BAND_POINTS; p++) {
          const x = PRICE_MIN * (PRICE_MAX / PRICE_MIN) ** (p / (BAND_POINTS - 1));
          for (let i = 0; i < BAND_SAMPLES; i++) {
            orbital(x, at(rackLb, z[2][i]), 72, Math.round(at(gpus, z[1][i])), out);
            band[i] = out[1];
          }
          bands.push(percentiles(band, BAND_SAMPLES));
        }
        return { result, tornado, bands };
      },
    };
  };
})();
