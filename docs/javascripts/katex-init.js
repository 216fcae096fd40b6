// Render the math that pymdownx.arithmatex marks up, on every page load
// (document$ also fires after Material's instant navigation). throwOnError:
// a TeX mistake is reported on the console, which the browser test fails on,
// instead of being drawn quietly in red.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: true,
  });
});
