// Render the math that pymdownx.arithmatex marks up, on every page load
// (document$ also fires after Material's instant navigation). throwOnError:
// a TeX mistake is reported on the console, which the browser test fails on,
// instead of being drawn quietly in red.
//
// A displayed formula wider than the page scrolls sideways; a reader without a
// mouse scrolls it with the arrow keys once it can take the focus, so each one
// that overflows (at the page's width now) takes it, as Material's code blocks do.
// Checked when its box changes size (a resized window, an opened fold) and when
// fonts arrive (KaTeX's widen a formula in a box that keeps its size).
const focusIfScrolls = (math) => {
  if (math.scrollWidth > math.clientWidth) {
    math.setAttribute("tabindex", "0");
  } else {
    math.removeAttribute("tabindex");
  }
};
const mathWidths = new ResizeObserver((entries) => {
  for (const { target } of entries) focusIfScrolls(target);
});
document.fonts.addEventListener("loadingdone", () => {
  for (const math of document.querySelectorAll("div.arithmatex")) focusIfScrolls(math);
});
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: true,
  });
  mathWidths.disconnect();
  for (const math of body.querySelectorAll("div.arithmatex")) {
    mathWidths.observe(math);
  }
});
