// Figures you can play with. A chapter marks a static figure as live with an
// attribute on its image, ![...](figures/x.svg){data-live=NAME}. On such a page
// this script loads the numbers the package wrote for it at build time
// (figures/live/NAME.js) and the figure's own script (javascripts/live/NAME.js),
// then puts the live figure in the image's place. Without JavaScript, or until
// both have loaded, the reader sees the static figure; if anything fails, it
// stays, and the error is reported on the console.
//
// Below: the few helpers the figures share (controls with labels, a loss
// chart, the theme's colours). Everything is plain DOM and SVG: no library.

const nnLive = {
  root: new URL("..", document.currentScript.src), // the site's root folder
  data: {}, // nnLive.data.NAME: set by figures/live/NAME.js
  figures: {}, // nnLive.figures.NAME(data): set by javascripts/live/NAME.js
  state: {}, // nnLive.state.NAME: each figure's numbers, for a reader's console
};

nnLive.load = (path) =>
  new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(path, nnLive.root).href;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });

nnLive.start = async () => {
  for (const image of document.querySelectorAll("img[data-live]")) {
    const name = image.dataset.live;
    try {
      await nnLive.load(`figures/live/${name}.js`);
      await nnLive.load(`javascripts/live/${name}.js`);
      const figure = image.closest("figure");
      figure.append(nnLive.figures[name](nnLive.data[name]));
      figure.classList.add("nn-live-ready"); // hides the static image (extra.css)
    } catch (error) {
      console.error(`live figure "${name}":`, error);
    }
  }
};

// Make an element: el("p", {class: "x"}, "text", child, ...).
nnLive.el = (tag, attributes = {}, ...children) => {
  const svg = ["svg", "g", "path", "line", "circle", "text", "polyline", "rect"].includes(tag);
  const element = svg
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.append(...children);
  return element;
};

let controlCount = 0; // each control's id is unique on the page

// A labelled control; `extra` goes beside the label (a slider's value).
nnLive.control = (labelText, input, ...extra) => {
  input.id = `nn-live-control-${++controlCount}`;
  const label = nnLive.el("span", {}, nnLive.el("label", { for: input.id }, labelText), ...extra);
  return nnLive.el("div", { class: "nn-live__control" }, label, input);
};

// A slider, its value shown beside its label ("w1 = 0.3"). Screen readers hear the
// slider's own value, so the copy beside the label is hidden from them.
nnLive.slider = (labelText, { min, max, step, value }, onInput) => {
  const input = nnLive.el("input", { type: "range", min, max, step, value });
  const shown = nnLive.el("span", { "aria-hidden": "true" });
  const set = (v) => {
    input.value = v;
    shown.textContent = ` = ${input.value.replace("-", "−")}`; // a real minus sign
  };
  set(value);
  input.addEventListener("input", () => {
    set(input.value);
    onInput(Number(input.value));
  });
  return { control: nnLive.control(labelText, input, shown), input, set };
};

nnLive.select = (labelText, options, value, onChange) => {
  const input = nnLive.el("select");
  for (const [optionValue, text] of options) {
    input.append(nnLive.el("option", { value: optionValue }, text));
  }
  input.value = String(value);
  input.addEventListener("change", () => onChange(input.value));
  return { control: nnLive.control(labelText, input), input };
};

nnLive.button = (text, onClick) => {
  const button = nnLive.el("button", { type: "button", class: "nn-live__button" }, text);
  button.addEventListener("click", onClick);
  return button;
};

// A theme colour (Material's CSS variables), read when drawing: it follows the
// reader's light or dark scheme.
nnLive.colour = (element, variable) =>
  getComputedStyle(element).getPropertyValue(variable).trim() || "currentColor";

// Play, pause and one step, for a figure that trains. `step()` trains one epoch
// (or one sample) and returns false once there is nothing more to do; `draw()`
// shows the new state; each animation frame trains `perFrame()` epochs. When it
// is done, Play and Step are disabled until `restart()`. `say(text)` puts a short
// line in the figure's status, which screen readers announce: so it is called
// only when the figure stops (a pause, a step, the end), never every frame.
nnLive.player = ({ step, epoch, draw, perFrame, stepLabel, say }) => {
  let running = false;
  const play = nnLive.button("Play", () => (running ? stop() : go()));
  const once = nnLive.button(stepLabel, () => {
    stop();
    if (!step()) finish();
    draw();
    say();
  });
  const stop = () => {
    if (running) say();
    running = false;
    play.textContent = "Play";
  };
  const finish = () => {
    stop();
    play.disabled = once.disabled = true;
  };
  const go = () => {
    running = true;
    play.textContent = "Pause";
    const frame = () => {
      if (!running) return;
      let more = true;
      for (let i = 0; i < perFrame() && more; i++) more = epoch();
      draw();
      if (more) requestAnimationFrame(frame);
      else finish();
    };
    requestAnimationFrame(frame);
  };
  const restart = () => {
    stop();
    play.disabled = once.disabled = false;
  };
  return { play, once, stop, restart };
};

// 10 to a whole power, as a tick label: 1, 10⁻¹, 10⁻², ...
const powerOfTen = (power) =>
  power === 0 ? "1" : "10" + String(power).replace("-", "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]);

// A loss chart: the loss after every epoch, on a log or a linear scale. The
// `references` are curves the package computed (the static figure's), drawn
// thin beneath the reader's own, each in its colour, with a legend.
nnLive.lossChart = ({ epochs, yMin, yMax, log, yTitle, label, references = [] }) => {
  const { el } = nnLive;
  const width = 320, height = 200, left = 52, right = 16, top = 10, bottom = 34;
  const scale = (v) => (log ? Math.log10(v) : v);
  const x = (epoch) => left + ((width - left - right) * epoch) / epochs;
  const y = (loss) => {
    const clamped = Math.min(Math.max(scale(loss), scale(yMin)), scale(yMax));
    return top + ((height - top - bottom) * (scale(yMax) - clamped)) / (scale(yMax) - scale(yMin));
  };
  const points = (history) => history.map((loss, i) => `${x(i).toFixed(1)},${y(loss).toFixed(1)}`).join(" ");
  const axes = el("g", { class: "nn-live__axes" },
    el("path", { d: `M${left},${top}V${height - bottom}H${width - right}` }));
  const ticks = log
    ? Array.from({ length: scale(yMax) - scale(yMin) + 1 }, (_, i) => scale(yMin) + i)
    : [yMin, (yMin + yMax) / 2, yMax];
  for (const tick of ticks) {
    const at = log ? 10 ** tick : tick;
    axes.append(el("text", { x: left - 4, y: y(at) + 4, "text-anchor": "end" }, log ? powerOfTen(tick) : String(tick)));
  }
  for (const epoch of [0, epochs / 2, epochs]) {
    axes.append(el("text", { x: x(epoch), y: height - bottom + 14, "text-anchor": "middle" }, String(epoch)));
  }
  axes.append(el("text", { x: (left + width) / 2, y: height - 4, "text-anchor": "middle" }, "epoch"));
  const middle = (top + height - bottom) / 2;
  axes.append(el("text", { x: 10, y: middle, "text-anchor": "middle", transform: `rotate(-90 10 ${middle})` },
    log ? `${yTitle} (log scale)` : yTitle));
  const line = el("polyline", { class: "nn-live__curve", points: "" });
  const style = (reference) => `nn-live__reference nn-live__reference--${reference.style}`;
  const drawn = references.map((reference) => el("polyline", { class: style(reference), points: points(reference.history) }));
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "nn-live__chart", role: "img", "aria-label": label },
    axes, ...drawn, line);
  const key = (kind, text) => el("span", {}, el("span", { class: `nn-live__swatch ${kind}` }), text);
  const legend = el("p", { class: "nn-live__legend" }, key("nn-live__curve", "yours"),
    ...references.map((reference) => key(style(reference), reference.label)));
  // The history: the loss after epoch 0, 1, ...; drawn as one line.
  return { element: el("div", {}, svg, legend), update: (history) => line.setAttribute("points", points(history)) };
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", nnLive.start);
else nnLive.start();
