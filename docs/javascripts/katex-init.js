// Render the math that pymdownx.arithmatex marks up, on every page load
// (document$ also fires after Material's instant navigation). throwOnError:
// a TeX mistake is reported on the console, which the browser test fails on,
// instead of being drawn quietly in red.
//
// A displayed formula wider than the page scrolls sideways; a reader without a
// mouse scrolls it with the arrow keys once it can take the focus, so each one
// that overflows (at the page's width now) takes it, as Material's code blocks do.
const mathWidths = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth) {
      target.setAttribute("tabindex", "0");
    } else {
      target.removeAttribute("tabindex");
    }
  }
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
