// Chapter 9, live: the two moons. A 2-hidden-1 network (2-1 with no hidden
// layer) learns the 200 points by mini-batch SGD on the cross-entropy, as
// train_batches does with the chapter's settings. Its starting weights and the
// order the points are visited in each epoch come from the package, written into
// the page at build time; the math below is MatrixNetwork's (chapter 7), with
// numpy's matrix product written out.
(() => {
  // Each activation and its slope, written in terms of its output a (chapter 7).
  const ACTIVATIONS = {
    sigmoid: { f: (z) => (z >= -709 ? 1 / (1 + Math.exp(-z)) : Math.exp(z)), df: (a) => a * (1 - a) },
    tanh: { f: Math.tanh, df: (a) => 1 - a ** 2 },
  };

  // numpy's @ and .T, for arrays of rows: A @ B, and A transposed.
  const matmul = (A, B) =>
    A.map((row) =>
      B[0].map((_, j) => {
        let sum = 0;
        for (let k = 0; k < row.length; k++) sum += row[k] * B[k][j];
        return sum;
      }),
    );
  const transpose = (A) => A[0].map((_, j) => A.map((row) => row[j]));

  // The forward pass, as MatrixNetwork.layer_outputs: every layer's output, from
  // a_0 = X to the output P. Each layer: Z = A @ W + b, then its activation.
  const layerOutputs = (net, X) => {
    const outputs = [X];
    net.weights.forEach((W, l) => {
      const Z = matmul(outputs[l], W);
      const { f } = net.activations[l];
      outputs.push(Z.map((row) => row.map((z, j) => f(z + net.biases[l][j]))));
    });
    return outputs;
  };

  // One step of mini-batch SGD on a batch, as MatrixNetwork.step (chapter 7).
  const sgdStep = (net, X, Y, learn_rate) => {
    const outputs = layerOutputs(net, X);
    const P = outputs[outputs.length - 1];
    // A sigmoid output with the cross-entropy: dL/dZ = (P - Y) / n. Scaled by the
    // learning rate here, it scales every slope below: they come out as steps.
    let d_L_d_Z = P.map(([p], i) => [learn_rate * ((p - Y[i]) / X.length)]);
    const steps = [];
    for (let l = net.weights.length - 1; l >= 0; l--) {
      const A = outputs[l]; // what this layer's weights multiply
      const d_L_d_W = matmul(transpose(A), d_L_d_Z); // the batch's sum: A.T @ dL/dZ
      const d_L_d_b = d_L_d_Z.reduce((sums, row) => sums.map((sum, j) => sum + row[j]));
      steps.push([net.weights[l], net.biases[l], d_L_d_W, d_L_d_b]);
      if (l > 0) {
        // Back through W (paths add: dL/dZ @ W.T), then the layer below's activation.
        const d_L_d_A = matmul(d_L_d_Z, transpose(net.weights[l]));
        const { df } = net.activations[l - 1];
        d_L_d_Z = d_L_d_A.map((row, i) => row.map((d, k) => d * df(A[i][k])));
      }
    }
    // Only now step: every slope above used the weights as they were.
    for (const [W, b, d_L_d_W, d_L_d_b] of steps) {
      W.forEach((row, k) => row.forEach((_, j) => (row[j] -= d_L_d_W[k][j])));
      b.forEach((_, j) => (b[j] -= d_L_d_b[j]));
    }
  };

  // Binary cross-entropy (chapter 9), with P kept 1e-12 away from 0 and 1.
  const bce = (Y, P) => {
    let sum = 0;
    P.forEach(([p], i) => {
      const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
      sum += Y[i] * Math.log(q) + (1 - Y[i]) * Math.log(1 - q);
    });
    return -sum / Y.length;
  };

  const num = (v) => String(v).replace("-", "−"); // a real minus sign

  nnLive.figures.moons = (data) => {
    const { el } = nnLive;
    const n = data.X.length;
    const orders = Uint8Array.from(atob(data.orders), (c) => c.charCodeAt(0)); // epoch e: [e*n, (e+1)*n)
    const state = { hidden: data.hidden, activation: data.activation, rate: data.learn_rate };
    nnLive.state.moons = state;

    // A fresh network: the package's starting weights for this hidden size.
    const restart = () => {
      const start = data.starts[state.hidden];
      const activations = state.hidden ? [ACTIVATIONS[state.activation], ACTIVATIONS.sigmoid] : [ACTIVATIONS.sigmoid];
      state.net = { weights: structuredClone(start.weights), biases: structuredClone(start.biases), activations };
      state.epoch = 0;
      state.history = [];
      measure();
    };
    const measure = () => {
      const outputs = layerOutputs(state.net, data.X);
      const P = outputs[outputs.length - 1];
      state.loss = bce(data.y, P);
      state.right = P.filter(([p], i) => (p >= 0.5 ? 1 : 0) === data.y[i]).length;
      state.accuracy = state.right / n;
    };
    // One epoch: the points in this epoch's order, in batches of 16.
    const epoch = () => {
      if (state.epoch >= data.epochs) return false;
      const order = orders.subarray(state.epoch * n, (state.epoch + 1) * n);
      for (let first = 0; first < n; first += data.batch_size) {
        const batch = Array.from(order.subarray(first, first + data.batch_size));
        sgdStep(state.net, batch.map((i) => data.X[i]), batch.map((i) => data.y[i]), state.rate);
      }
      state.epoch += 1;
      measure();
      state.history.push(state.loss);
      return state.epoch < data.epochs;
    };

    // The network's output over the plane, in cells; the points on top.
    const columns = 168, rows = 128, cell = 2, x0 = -1.6, x1 = 2.6, y0 = -1.5, y1 = 1.7;
    const canvas = el("canvas", {
      width: columns * cell, height: rows * cell, class: "nn-live__map", role: "img",
      "aria-label": "The network's output over the plane: red where it says class 1, blue class 0, with the 200 points",
    });
    const grid = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        grid.push([x0 + ((c + 0.5) * (x1 - x0)) / columns, y1 - ((r + 0.5) * (y1 - y0)) / rows]);
      }
    }
    // Blue (0) to grey (0.5) to red (1), in ten steps, as the chapter's figure.
    const shade = (p) => {
      const t = Math.min(Math.floor(p * 10), 9) / 9;
      const [from, to, u] = t < 0.5 ? [[59, 76, 192], [221, 221, 221], t * 2] : [[221, 221, 221], [180, 4, 38], t * 2 - 1];
      return `rgba(${from.map((v, i) => Math.round(v + (to[i] - v) * u)).join(",")},0.8)`;
    };
    const drawMap = () => {
      const context = canvas.getContext("2d");
      const outputs = layerOutputs(state.net, grid);
      const P = outputs[outputs.length - 1].map(([p]) => p);
      context.clearRect(0, 0, canvas.width, canvas.height);
      P.forEach((p, i) => {
        const r = Math.floor(i / columns), c = i % columns;
        // A cell whose right or lower neighbour is on the other side of 0.5: the boundary.
        const edge = (c + 1 < columns && p >= 0.5 !== P[i + 1] >= 0.5) || (r + 1 < rows && p >= 0.5 !== P[i + columns] >= 0.5);
        context.fillStyle = edge ? nnLive.colour(canvas, "--md-default-fg-color") : shade(p);
        context.fillRect(c * cell, r * cell, cell, cell);
      });
      data.X.forEach(([a, b], i) => {
        context.beginPath();
        context.arc(((a - x0) / (x1 - x0)) * canvas.width, ((y1 - b) / (y1 - y0)) * canvas.height, 3.5, 0, 2 * Math.PI);
        context.fillStyle = data.y[i] ? "#c2185b" : "#1565c0";
        context.fill();
        context.strokeStyle = "white";
        context.stroke();
      });
    };

    const chart = nnLive.lossChart({
      epochs: data.epochs, yMin: 0, yMax: 0.8, log: false, yTitle: "cross-entropy", references: data.references,
      label: "The cross-entropy loss after every epoch: yours so far, and the chapter's three runs",
    });
    const status = el("p"), result = el("p", { class: "nn-live__result" });
    const announce = el("p", { class: "nn-live__announce", "aria-live": "polite" });
    const describe = () => {
      const shape = state.hidden ? `2-${state.hidden}-1, ${state.activation} hidden` : "2-1, no hidden layer";
      const done = state.epoch >= data.epochs ? ": done. Reset to train again" : "";
      return `${shape}; epochs trained: ${state.epoch} of ${data.epochs}${done}`;
    };
    const score = () =>
      `loss ${state.loss.toPrecision(3)}; ${(100 * state.accuracy).toFixed(1)}% right (${state.right} of ${n})`;
    const draw = () => {
      drawMap();
      chart.update(state.history);
      status.textContent = describe();
      result.textContent = score();
    };

    let perFrame = 2;
    const player = nnLive.player({
      step: epoch, epoch, draw, perFrame: () => perFrame, stepLabel: "Step: one epoch",
      say: () => (announce.textContent = `${describe()}; ${score()}`),
    });
    // A new hidden layer or activation starts a new network, from the package's weights.
    const change = (key, parse) => (value) => {
      player.restart();
      state[key] = parse(value);
      activation.input.disabled = state.hidden === 0; // no hidden layer, no hidden activation
      restart();
      draw();
    };
    const hidden = nnLive.slider("Hidden neurons", { min: 0, max: Object.keys(data.starts).length - 1, step: 1, value: data.hidden },
      change("hidden", Number));
    const activation = nnLive.select("Hidden activation", [["tanh", "tanh"], ["sigmoid", "sigmoid"]], data.activation,
      change("activation", String));
    const rate = nnLive.select("Learning rate η", data.rates.map((r) => [r, String(r)]), data.learn_rate,
      (value) => (state.rate = Number(value)));
    const speeds = [1, 2, 10, 50].map((k) => [k, `${k} epoch${k > 1 ? "s" : ""} a frame`]);
    const speed = nnLive.select("Speed", speeds, perFrame, (value) => (perFrame = Number(value)));
    const reset = nnLive.button("Reset", change("hidden", () => state.hidden));

    const root = el("div", { class: "nn-live", "data-live-figure": "moons" },
      el("p", { class: "nn-live__title" },
        "Train it yourself: choose the hidden layer and the learning rate, press Play, and watch the boundary bend. " +
        `The same ${n} points, starting weights and shuffles as the chapter's runs.`),
      el("div", { class: "nn-live__controls" },
        hidden.control, activation.control, rate.control, speed.control, player.play, player.once, reset),
      el("div", { class: "nn-live__panels" },
        el("div", {}, canvas, el("p", { class: "nn-live__note" }, `x1 from ${num(x0)} to ${x1} across, x2 from ${num(y0)} to ${y1} up`)),
        el("div", { class: "nn-live__readout" }, status, result, chart.element, announce)));
    restart();
    draw();
    // Redraw the boundary line in the new colour when the reader switches light/dark.
    new MutationObserver(drawMap).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    return root;
  };
})();
