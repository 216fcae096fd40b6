// The copy button copies what a reader can paste into Python. A session block
// that shows an error ends with it (tests/test_prompt_paste.py checks that),
// and the error's text is not code: pasted, "Traceback (most recent call
// last):" would be one more error. So the shown traceback, from its first line
// to the end of the block, is wrapped in a span that the site's stylesheet
// hides while Material copies (extra.css), as it hides the prompts and outputs.
const nnWrapTracebacks = () => {
  for (const start of document.querySelectorAll("div.language-pycon code > span.gt")) {
    const wrapper = document.createElement("span");
    wrapper.className = "nn-traceback";
    start.before(wrapper);
    while (wrapper.nextSibling) wrapper.appendChild(wrapper.nextSibling);
  }
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", nnWrapTracebacks);
else nnWrapTracebacks();
