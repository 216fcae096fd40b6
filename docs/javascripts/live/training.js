// Chapter 6, live: train it yourself. The 2-2-1 network starts from the nine
// parameters NeuralNetwork.random(42) gives (written into the page at build
// time), and learns from the four people one at a time, as train() does: the
// same formulas, in the same order, in float64, so it ends where train() ends.
(() => {
  // The sigmoid as nn_from_scratch computes it: below -709, e^(-x) would overflow,
  // and the answer is e^x.
  const sigmoid = (x) => (x >= -709 ? 1 / (1 + Math.exp(-x)) : Math.exp(x));

  // Forward, as NeuralNetwork.outputs: the hidden outputs h1, h2 and the output o1.
  const outputs = (p, x1, x2) => {
    const sum_h1 = p.w1 * x1 + p.w2 * x2 + p.b1;
    const sum_h2 = p.w3 * x1 + p.w4 * x2 + p.b2;
    const h1 = sigmoid(sum_h1);
    const h2 = sigmoid(sum_h2);
    const sum_o1 = p.w5 * h1 + p.w6 * h2 + p.b3;
    return [h1, h2, sigmoid(sum_o1)];
  };

  // One SGD step on one person, as training.update: backpropagation (chapter 5),
  // then each parameter steps against its slope.
  const update = (p, x1, x2, y_true, learn_rate) => {
    const [h1, h2, o1] = outputs(p, x1, x2);
    const y_pred = o1;
    const d_L_d_ypred = -2 * (y_true - y_pred);

    const d_L_d_sum_o1 = d_L_d_ypred * o1 * (1 - o1);
    const d_L_d_w5 = d_L_d_sum_o1 * h1;
    const d_L_d_w6 = d_L_d_sum_o1 * h2;
    const d_L_d_b3 = d_L_d_sum_o1;

    const d_L_d_h1 = d_L_d_sum_o1 * p.w5;
    const d_L_d_h2 = d_L_d_sum_o1 * p.w6;

    const d_L_d_sum_h1 = d_L_d_h1 * h1 * (1 - h1);
    const d_L_d_w1 = d_L_d_sum_h1 * x1;
    const d_L_d_w2 = d_L_d_sum_h1 * x2;
    const d_L_d_b1 = d_L_d_sum_h1;

    const d_L_d_sum_h2 = d_L_d_h2 * h2 * (1 - h2);
    const d_L_d_w3 = d_L_d_sum_h2 * x1;
    const d_L_d_w4 = d_L_d_sum_h2 * x2;
    const d_L_d_b2 = d_L_d_sum_h2;

    p.w1 -= learn_rate * d_L_d_w1;
    p.w2 -= learn_rate * d_L_d_w2;
    p.w3 -= learn_rate * d_L_d_w3;
    p.w4 -= learn_rate * d_L_d_w4;
    p.w5 -= learn_rate * d_L_d_w5;
    p.w6 -= learn_rate * d_L_d_w6;
    p.b1 -= learn_rate * d_L_d_b1;
    p.b2 -= learn_rate * d_L_d_b2;
    p.b3 -= learn_rate * d_L_d_b3;
  };

  // The MSE over the four people (chapter 4): the mean of (y_true - y_pred)^2.
  const mseLoss = (p, data, all_y_trues) => {
    let sum = 0;
    data.forEach(([x1, x2], i) => (sum += (all_y_trues[i] - outputs(p, x1, x2)[2]) ** 2));
    return sum / data.length;
  };

  const NAMES = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"];

  nnLive.figures.training = (data) => {
    const { el } = nnLive;
    const state = { params: { ...data.start }, rate: data.learn_rate, epoch: 0, next: 0, history: [] };
    nnLive.state.training = state;

    // One SGD step on the next person; after the fourth, the epoch's loss is recorded.
    const step = () => {
      if (state.epoch >= data.epochs) return false;
      const [x1, x2] = data.data[state.next];
      update(state.params, x1, x2, data.y[state.next], state.rate);
      state.next = (state.next + 1) % data.data.length;
      if (state.next === 0) {
        state.history.push(mseLoss(state.params, data.data, data.y));
        state.epoch += 1;
      }
      return state.epoch < data.epochs;
    };
    // The rest of this epoch: steps up to the fourth person.
    const epoch = () => {
      let more = step();
      while (more && state.next !== 0) more = step();
      return more;
    };

    const chart = nnLive.lossChart({
      epochs: data.epochs, yMin: 1e-5, yMax: 1, log: true, yTitle: "MSE loss", references: data.references,
      label: "The MSE loss after every epoch: yours so far, and train()'s at learning rate 0.1",
    });
    const cells = Object.fromEntries(NAMES.map((name) => [name, el("td")]));
    const table = el("table", { class: "nn-live__params" },
      el("tbody", {}, ...[0, 3, 6].map((first) => el("tr", {},
        ...NAMES.slice(first, first + 3).flatMap((name) => [el("th", {}, name), cells[name]])))));
    const status = el("p"), predictions = el("p", { class: "nn-live__result" });
    const announce = el("p", { class: "nn-live__announce", "aria-live": "polite" });

    const describe = () => {
      const loss = mseLoss(state.params, data.data, data.y);
      const next = state.epoch >= data.epochs
        ? `done: the chapter's ${data.epochs} epochs. Reset to train again`
        : `next step: ${data.names[state.next]}`;
      return `epochs trained: ${state.epoch}; MSE loss of the four: ${loss.toPrecision(3)}; ${next}`;
    };
    const draw = () => {
      chart.update(state.history);
      for (const name of NAMES) cells[name].textContent = state.params[name].toFixed(4);
      status.textContent = describe();
      predictions.textContent = data.newcomers.map(({ name, x }) => {
        const score = outputs(state.params, x[0], x[1])[2];
        return `${name}: ${score.toFixed(3)} (${score >= 0.5 ? "F" : "M"})`;
      }).join(", ");
    };

    let perFrame = 5;
    const player = nnLive.player({
      step, epoch, draw, perFrame: () => perFrame, stepLabel: "Step: one person",
      say: () => (announce.textContent = describe()),
    });
    const rate = nnLive.select("Learning rate η", data.rates.map((r) => [r, String(r)]), data.learn_rate,
      (value) => (state.rate = Number(value)));
    const speeds = [1, 5, 25, 100].map((n) => [n, `${n} epoch${n > 1 ? "s" : ""} a frame`]);
    const speed = nnLive.select("Speed", speeds, perFrame, (value) => (perFrame = Number(value)));
    const reset = nnLive.button("Reset", () => {
      player.restart();
      Object.assign(state, { params: { ...data.start }, epoch: 0, next: 0, history: [] });
      draw();
    });

    const root = el("div", { class: "nn-live", "data-live-figure": "training" },
      el("p", { class: "nn-live__title" },
        `Train it yourself: the seed-${data.seed} network of this chapter, on the four people. ` +
        "Press Play, or step through one person at a time; change the learning rate at any moment."),
      el("div", { class: "nn-live__controls" }, rate.control, speed.control, player.play, player.once, reset),
      el("div", { class: "nn-live__panels" }, chart.element,
        el("div", { class: "nn-live__readout" }, status, table, predictions, announce)),
    );
    draw();
    return root;
  };
})();
