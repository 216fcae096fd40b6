// Chapter 13, live: three ways down the valley f(x, y) = x²/20 + y². Each path is
// descend(optimizer, start=(-7, 2), steps=40) of nn_from_scratch.optimizers, for
// the learning rate and β the reader sets: the same update rules, operation for
// operation and in the same order, in float64, so the browser's points are the
// package's. It starts from the chapter's settings, written into the page at build
// time with the paths the package computed for them (drawn dashed, beneath).
(() => {
  // valley_gradient: the slopes of x²/20 + y², [x / 10, 2 * y].
  const valleyGradient = ([x, y]) => [x / 10, 2 * y];
  // valley: the height, x**2 / 20 + y**2 (numpy's x**2 is exactly x * x).
  const valley = ([x, y]) => (x * x) / 20 + y * y;

  // Each optimizer's update(params, grads), on one array of numbers, in place. What it
  // keeps (a velocity, the means and t) starts at 0, made at the first update.
  const OPTIMIZERS = {
    // SGD: w <- w - learn_rate * g
    sgd: ({ learn_rate }) => (w, g) => {
      for (let i = 0; i < w.length; i++) w[i] -= learn_rate * g[i];
    },
    // Momentum: v <- beta * v + g, then w <- w - learn_rate * v
    momentum: ({ learn_rate, beta }) => {
      let v = null;
      return (w, g) => {
        if (v === null) v = w.map(() => 0);
        for (let i = 0; i < w.length; i++) {
          v[i] *= beta;
          v[i] += g[i];
          w[i] -= learn_rate * v[i];
        }
      };
    },
    // Adam: running means of g and g², each corrected for its start at 0.
    adam: ({ learn_rate, beta1, beta2, eps }) => {
      let m = null, s = null, t = 0;
      return (w, g) => {
        if (m === null) [m, s] = [w.map(() => 0), w.map(() => 0)];
        t += 1;
        const correction1 = 1 - beta1 ** t; // what the means' start at 0 shrank them by
        const correction2 = 1 - beta2 ** t;
        for (let i = 0; i < w.length; i++) {
          m[i] *= beta1;
          m[i] += (1 - beta1) * g[i];
          s[i] *= beta2;
          s[i] += (1 - beta2) * g[i] * g[i];
          const m_hat = m[i] / correction1;
          const s_hat = s[i] / correction2;
          w[i] -= (learn_rate * m_hat) / (Math.sqrt(s_hat) + eps);
        }
      };
    },
  };

  // descend: the start, then the point after each of `steps` updates.
  const descend = (update, start, steps) => {
    const point = [...start];
    const path = [[...point]];
    for (let step = 0; step < steps; step++) {
      update(point, valleyGradient(point));
      path.push([...point]);
    }
    return path;
  };

  // The first step at which the height is below the target, or null.
  const stepsBelow = (path, target) => {
    const step = path.findIndex((point) => valley(point) < target);
    return step === -1 ? null : step;
  };

  // What the reader can move, per optimizer: its learning rate η and its β (Adam's
  // β1; its β2 and eps stay the chapter's). Each range holds the chapter's value.
  const CONTROLS = {
    sgd: [["learn_rate", "η", { min: 0.05, max: 1.1, step: 0.05 }]],
    momentum: [
      ["learn_rate", "η", { min: 0.01, max: 0.5, step: 0.01 }],
      ["beta", "β", { min: 0, max: 0.99, step: 0.01 }],
    ],
    adam: [
      ["learn_rate", "η", { min: 0.05, max: 2, step: 0.05 }],
      ["beta1", "β1", { min: 0, max: 0.99, step: 0.01 }],
    ],
  };

  const num = (v) => String(v).replace("-", "−"); // a real minus sign

  nnLive.figures.valley = (data) => {
    const { el } = nnLive;
    const names = Object.keys(data.optimizers);
    const state = {};
    nnLive.state.valley = state;

    // The plane from the view's corners, in an inner <svg> that clips what leaves it.
    const width = 320, height = 200, left = 30, right = 10, top = 6, bottom = 30;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const [x0, x1] = data.view.x, [y0, y1] = data.view.y;
    const far = 1e4; // a point far off the chart is drawn no farther: the line leaves all the same
    const sx = (x) => Math.min(Math.max(((x - x0) / (x1 - x0)) * plotWidth, -far), far);
    const sy = (y) => Math.min(Math.max(((y1 - y) / (y1 - y0)) * plotHeight, -far), far);
    // A path's points on the chart, up to the first that is not a number (none is, on
    // these sliders' ranges, but a line must never be drawn through NaN).
    const drawable = (path) => {
      const end = path.findIndex((point) => !point.every(Number.isFinite));
      return end === -1 ? path : path.slice(0, end);
    };
    const points = (path) => drawable(path).map(([x, y]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`).join(" ");
    // A contour f = c is the ellipse with half-axes √(20c) along x and √c along y.
    const ellipse = (c) => {
      const rx = (Math.sqrt(20 * c) / (x1 - x0)) * plotWidth, ry = (Math.sqrt(c) / (y1 - y0)) * plotHeight;
      const [cx, cy] = [sx(0), sy(0)];
      return `M${cx - rx},${cy}a${rx},${ry} 0 1 0 ${2 * rx},0a${rx},${ry} 0 1 0 ${-2 * rx},0`;
    };
    const plane = el("svg", { x: left, y: top, width: plotWidth, height: plotHeight, class: "nn-live__plane" },
      ...data.contours.map((c) => el("path", { class: "nn-live__contour", d: ellipse(c) })),
      el("path", { class: "nn-live__minimum", d: `M${sx(0) - 5},${sy(0)}h10M${sx(0)},${sy(0) - 5}v10` }));
    const lines = {}, dots = {};
    for (const name of names) {
      plane.append(el("polyline", { class: `nn-live__valley-reference nn-live__valley--${name}`,
        points: points(data.optimizers[name].path) }));
    }
    for (const name of names) {
      lines[name] = el("polyline", { class: `nn-live__valley-path nn-live__valley--${name}` });
      dots[name] = el("g", { class: `nn-live__valley-dots nn-live__valley--${name}` });
      plane.append(lines[name], dots[name]);
    }
    plane.append(el("circle", { class: "nn-live__start", cx: sx(data.start[0]), cy: sy(data.start[1]), r: 4 }));
    const middle = top + plotHeight / 2;
    // The multiples of `every` from `from` to `to`: the axes' ticks.
    const ticks = (from, to, every) =>
      Array.from({ length: Math.floor(to / every) - Math.ceil(from / every) + 1 }, (_, i) => (Math.ceil(from / every) + i) * every);
    const axes = el("g", { class: "nn-live__axes" },
      el("path", { d: `M${left},${top}V${top + plotHeight}H${left + plotWidth}` }),
      ...ticks(x0, x1, 4).map((x) => el("text", { x: left + sx(x), y: top + plotHeight + 13, "text-anchor": "middle" }, num(x))),
      ...ticks(y0, y1, 2).map((y) => el("text", { x: left - 4, y: top + sy(y) + 4, "text-anchor": "end" }, num(y))),
      el("text", { x: left + plotWidth / 2, y: height - 3, "text-anchor": "middle" }, "x"),
      el("text", { x: 8, y: middle + 4, "text-anchor": "middle" }, "y"));
    const chart = el("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "nn-live__chart", role: "img",
      "aria-label": "The valley's contours, long along x and narrow along y, with the path of each optimizer from (−7, 2) " +
        "towards the minimum at (0, 0); dashed beneath, the paths of the chapter's settings",
    }, axes, plane);

    // One line per optimizer: its swatch, settings, and when it got below the target.
    const lineOf = {};
    const readout = el("div", { class: "nn-live__readout" },
      ...names.map((name) => (lineOf[name] = el("p", {}))),
      el("p", { class: "nn-live__note" },
        `Dots: one per step. Dashed: the chapter's settings. Adam keeps β2 = ${data.optimizers.adam.settings.beta2} ` +
        `and eps = ${data.optimizers.adam.settings.eps}.`));
    const announce = el("p", { class: "nn-live__announce", "aria-live": "polite" });

    const describe = (name) => {
      const { settings, steps } = state[name];
      const shown = CONTROLS[name].map(([key, symbol]) => `${symbol} = ${settings[key]}`).join(", ");
      const reached = steps === null ? `not below ${data.target} in ${data.steps} steps` : `below ${data.target} after ${steps} steps`;
      return `${data.optimizers[name].label}, ${shown}: f ${reached}`;
    };
    // Recompute one optimizer's path from its settings, and draw it.
    const run = (name) => {
      const { settings } = state[name];
      const path = descend(OPTIMIZERS[name](settings), data.start, data.steps);
      state[name].path = path;
      state[name].steps = stepsBelow(path, data.target);
      lines[name].setAttribute("points", points(path));
      dots[name].replaceChildren(...drawable(path).slice(1)
        .map(([x, y]) => el("circle", { cx: sx(x).toFixed(2), cy: sy(y).toFixed(2), r: 1.8 })));
      lineOf[name].replaceChildren(el("span", { class: `nn-live__swatch nn-live__valley--${name}` }), describe(name));
    };

    const sliders = {};
    const controls = names.flatMap((name) =>
      CONTROLS[name].map(([key, symbol, range]) => {
        const slider = nnLive.slider(`${data.optimizers[name].label} ${symbol}`,
          { ...range, value: data.optimizers[name].settings[key] }, (value) => {
            state[name].settings[key] = value;
            run(name);
            announce.textContent = describe(name);
          });
        sliders[`${name} ${key}`] = { slider, name, key };
        return slider.control;
      }));
    const restart = () => {
      for (const name of names) {
        state[name] = { settings: { ...data.optimizers[name].settings } };
        run(name);
      }
      for (const { slider, name, key } of Object.values(sliders)) slider.set(data.optimizers[name].settings[key]);
    };
    const reset = nnLive.button("Reset", () => {
      restart();
      announce.textContent = "Back to the chapter's settings";
    });

    const root = el("div", { class: "nn-live", "data-live-figure": "valley" },
      el("p", { class: "nn-live__title" },
        `Move the learning rates η and the βs: each path is ${data.steps} steps down f(x, y) = x²/20 + y² ` +
        `from (${data.start.map(num).join(", ")}), as the chapter's descend() takes them.`),
      el("div", { class: "nn-live__controls" }, ...controls, reset),
      el("div", { class: "nn-live__valley" }, chart, readout, announce));
    restart();
    return root;
  };
})();
