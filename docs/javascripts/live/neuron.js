// Chapter 2, live: a neuron you can move. The same three steps as the chapter's
// code, total = np.sum(weights * x) + bias, then output = sigmoid(total), in
// JavaScript's float64 arithmetic, the same as numpy's.
(() => {
  // The sigmoid of chapter 1, 1 / (1 + e^(-x)), as nn_from_scratch computes it: below
  // -709, e^(-x) would overflow, and the answer is e^x.
  const sigmoid = (x) => (x >= -709 ? 1 / (1 + Math.exp(-x)) : Math.exp(x));

  // One neuron with two inputs: weigh, add, squash.
  const neuron = ({ w1, w2, b, x1, x2 }) => {
    const total = w1 * x1 + w2 * x2 + b; // weigh and add, in numpy's order
    return { total, output: sigmoid(total) };
  };

  // A number as the chapter writes it: at most 4 decimals, a real minus sign.
  const num = (v) => String(Number(v.toFixed(4))).replace("-", "−");
  // A factor of a product: a negative one in brackets, as in 0.5·(−2).
  const factor = (v) => (v < 0 ? `(${num(v)})` : num(v));
  // A sum of terms, a negative one subtracted: 0 − 3 + 4.
  const sum = (terms) =>
    terms.map((v, i) => (i === 0 ? num(v) : v < 0 ? ` − ${num(-v)}` : ` + ${num(v)}`)).join("");
  // The output to 6 decimals, unless that would hide how close to 0 or 1 it is.
  const outputText = (o) => {
    const exponent = (v) => v.toExponential(1).replace("-", "−"); // 4.5e−8
    if (o !== 1 && o.toFixed(6) === "1.000000") return `1 − ${exponent(1 - o)}`;
    if (o !== 0 && o.toFixed(6) === "0.000000") return exponent(o);
    return o.toFixed(6);
  };

  nnLive.figures.neuron = (data) => {
    const { el } = nnLive;
    const settings = { ...data.start }; // w1, w2, b, x1, x2
    const sliders = {};

    // The sigmoid curve from -10 to 10, and a dot where this neuron's total lands.
    const width = 320, height = 190, left = 44, right = 10, top = 10, bottom = 40;
    const sx = (total) => left + ((width - left - right) * (total + 10)) / 20;
    const sy = (output) => top + (height - top - bottom) * (1 - output);
    const curve = [];
    for (let t = -10; t <= 10; t += 0.25) curve.push(`${sx(t).toFixed(1)},${sy(sigmoid(t)).toFixed(1)}`);
    const dot = el("circle", { r: 6, class: "nn-live__dot" });
    const drop = el("line", { class: "nn-live__guide" });
    const offChart = el("text", { class: "nn-live__note", y: sy(0.5) - 6 });
    const middle = (top + height - bottom) / 2;
    const axes = el("g", { class: "nn-live__axes" },
      el("path", { d: `M${left},${top}V${height - bottom}H${width - right}` }),
      el("line", { class: "nn-live__half", x1: left, x2: width - right, y1: sy(0.5), y2: sy(0.5) }),
      ...[0, 0.5, 1].map((o) => el("text", { x: left - 8, y: sy(o) + 4, "text-anchor": "end" }, String(o))),
      ...[-10, -5, 0, 5, 10].map((t) =>
        el("text", { x: sx(t), y: height - bottom + 14, "text-anchor": "middle" }, num(t))),
      el("text", { x: (left + width) / 2, y: height - 4, "text-anchor": "middle" }, "total = w1·x1 + w2·x2 + b"),
      el("text", { x: 10, y: middle, "text-anchor": "middle", transform: `rotate(-90 10 ${middle})` }, "output f(total)"));
    const chart = el("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "nn-live__chart", role: "img",
      "aria-label": "The sigmoid curve, with a dot at this neuron's total and output",
    }, axes, el("polyline", { class: "nn-live__sigmoid", points: curve.join(" ") }), drop, dot, offChart);

    const weigh = el("p"), add = el("p"), squash = el("p", { class: "nn-live__result", "aria-live": "polite" });
    const readout = el("div", { class: "nn-live__readout" }, weigh, add, squash);

    const draw = () => {
      const { w1, w2, b, x1, x2 } = settings;
      const { total, output } = neuron(settings);
      weigh.textContent = `weigh: w1·x1 = ${factor(w1)}·${factor(x1)} = ${num(w1 * x1)}, ` +
        `w2·x2 = ${factor(w2)}·${factor(x2)} = ${num(w2 * x2)}`;
      add.textContent = `add: total = ${sum([w1 * x1, w2 * x2, b])} = ${num(total)}`;
      squash.textContent = `squash: output = f(${num(total)}) = ${outputText(output)}`;
      // Beyond the chart's -10..10 the dot waits at the edge, and says where the total is.
      const shown = Math.min(Math.max(total, -10), 10);
      dot.setAttribute("cx", sx(shown));
      dot.setAttribute("cy", sy(output));
      drop.setAttribute("x1", sx(shown)); drop.setAttribute("x2", sx(shown));
      drop.setAttribute("y1", sy(0)); drop.setAttribute("y2", sy(output));
      offChart.textContent = shown === total ? "" : `total ${num(total)}: off the chart`;
      offChart.setAttribute("x", total > 0 ? width - right - 10 : left + 10);
      offChart.setAttribute("text-anchor", total > 0 ? "end" : "start");
      nnLive.state.neuron = { ...settings, total, output };
    };

    // Choosing a person sets the inputs to theirs: weight − 135 lb and height − 66 in
    // (chapter 4 says why).
    const people = nnLive.select(
      "A person's inputs (weight − 135, height − 66)",
      [["", "the sliders' own"], ...data.people.map((p, i) => [i, `${p.name}: ${p.x.map(num).join(", ")}`])],
      "",
      (chosen) => {
        if (chosen === "") return;
        [settings.x1, settings.x2] = data.people[Number(chosen)].x;
        sliders.x1.set(settings.x1);
        sliders.x2.set(settings.x2);
        draw();
      },
    );
    const ranges = {
      w1: { min: -3, max: 3, step: 0.1 }, w2: { min: -3, max: 3, step: 0.1 },
      b: { min: -10, max: 10, step: 0.5 }, x1: { min: -30, max: 30, step: 1 }, x2: { min: -30, max: 30, step: 1 },
    };
    for (const name of ["w1", "w2", "b", "x1", "x2"]) {
      sliders[name] = nnLive.slider(name, { ...ranges[name], value: settings[name] }, (value) => {
        settings[name] = value;
        if (name.startsWith("x")) people.input.value = ""; // the inputs are the reader's own now
        draw();
      });
    }
    const reset = nnLive.button("Reset", () => {
      Object.assign(settings, data.start);
      for (const name in sliders) sliders[name].set(settings[name]);
      people.input.value = "";
      draw();
    });

    const root = el("div", { class: "nn-live", "data-live-figure": "neuron" },
      el("p", { class: "nn-live__title" },
        "Move a weight, the bias or an input, or choose a person: the neuron weighs, adds and squashes again."),
      el("div", { class: "nn-live__controls" },
        ...["w1", "w2", "b", "x1", "x2"].map((name) => sliders[name].control), people.control, reset),
      el("div", { class: "nn-live__panels" }, chart, readout),
    );
    draw();
    return root;
  };
})();
